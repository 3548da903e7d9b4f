package dev.knowledgerouter.answer.storeledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.Hold;
import dev.knowledgerouter.answer.Periods;
import dev.knowledgerouter.answer.Reservation;
import dev.knowledgerouter.answer.UsageRecord;
import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two routers on one store, each with its own ledger and guard over the same shared ledger: what one
 * holds, settles or leaves behind, the other counts. Run against every store the shared ledger supports.
 */
abstract class SharedUsageLedgerContract {
    static final EmbedderIdentity FOUR_D = new EmbedderIdentity("ledger-4d", 4);
    static final Duration LIFETIME = Duration.ofMinutes(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    KnowledgeStore store;
    StoreUsageLedger routerA;
    StoreUsageLedger routerB;

    protected abstract KnowledgeStore openStore(EmbedderIdentity identity);

    @BeforeEach
    void open() {
        store = openStore(FOUR_D);
        routerA = new StoreUsageLedger(store, LIFETIME, clock);
        routerB = new StoreUsageLedger(store, LIFETIME, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static CostSettings settings(int maxCallsPerHour, Optional<Double> dailyBudget) {
        return new CostSettings(maxCallsPerHour, dailyBudget, Optional.empty(), Map.of(), "m");
    }

    UsageRecord call(Hold hold, double costUsd) {
        return new UsageRecord(
                clock.instant(), hold.interactionId(), "m", "general", "routed remote", 100, 10, costUsd, true);
    }

    /** Asks for {@code requests} slots at once, alternating between the two routers' guards. */
    List<Hold> race(int requests, CostSettings settings, double estimateUsd) throws Exception {
        CostGuard a = new CostGuard(routerA, settings, clock);
        CostGuard b = new CostGuard(routerB, settings, clock);
        List<Future<Reservation>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < requests; i++) {
                CostGuard guard = i % 2 == 0 ? a : b;
                String id = "i-" + i;
                pending.add(pool.submit(() -> guard.reserve(id, "m", estimateUsd)));
            }
        }
        List<Hold> granted = new ArrayList<>();
        for (Future<Reservation> f : pending) {
            if (f.get() instanceof Reservation.Granted g) {
                granted.add(g.hold());
            }
        }
        return granted;
    }

    List<Hold> heldInStore() {
        Periods p = Periods.at(clock.instant());
        return routerA.snapshot(p.monthStart(), p.end()).holds();
    }

    @Test
    void twoRoutersRacingForSlotsHoldNoMoreTogetherThanTheHourlyCap() throws Exception {
        List<Hold> granted = race(60, settings(10, Optional.empty()), 0.01);
        assertTrue(granted.size() <= 10, granted.size() + " holds granted");
        assertEquals(granted.size(), heldInStore().size(), "refused holds are withdrawn");
    }

    @Test
    void aRequestAfterARaceGetsASlotTheRaceLeftFree() throws Exception {
        // A burst can refuse more than it must (each racer sees the others' holds), never leave slots blocked.
        List<Hold> granted = race(60, settings(10, Optional.empty()), 0.01);
        CostGuard later = new CostGuard(routerB, settings(10, Optional.empty()), clock);
        for (int taken = granted.size(); taken < 10; taken++) {
            assertInstanceOf(Reservation.Granted.class, later.reserve("after-" + taken, "m", 0.01));
        }
        assertInstanceOf(Reservation.Refused.class, later.reserve("one-too-many", "m", 0.01));
    }

    @Test
    void twoRoutersRacingForTheDailyBudgetOverspendItByNoMoreThanOneEstimate() throws Exception {
        List<Hold> granted = race(60, settings(1000, Optional.of(0.10)), 0.03);
        double held = granted.stream().mapToDouble(Hold::estimatedUsd).sum();
        assertTrue(held < 0.10 + 0.03, "held $" + held + " in " + granted.size() + " holds");
    }

    @Test
    void aCallOneRouterSettlesCountsForTheOtherAtItsRealCost() {
        CostGuard a = new CostGuard(routerA, settings(50, Optional.empty()), clock);
        Hold hold = assertInstanceOf(Reservation.Granted.class, a.reserve("i-1", "m", 0.05))
                .hold();
        assertEquals(
                List.of("i-1"), heldInStore().stream().map(Hold::interactionId).toList());
        routerA.settle(hold, call(hold, 0.01));
        List<UsageRecord> seenByB =
                routerB.read(clock.instant().minusSeconds(60), clock.instant().plusSeconds(1));
        assertEquals(1, seenByB.size());
        assertEquals(0.01, seenByB.getFirst().costUsd(), 1e-9);
        assertEquals(List.of(), heldInStore());
    }

    @Test
    void aReleasedHoldGivesItsSlotToTheOtherRouter() {
        CostGuard a = new CostGuard(routerA, settings(1, Optional.empty()), clock);
        CostGuard b = new CostGuard(routerB, settings(1, Optional.empty()), clock);
        Hold hold = assertInstanceOf(Reservation.Granted.class, a.reserve("i-1", "m", 0.05))
                .hold();
        assertInstanceOf(Reservation.Refused.class, b.reserve("i-2", "m", 0.05));
        routerA.release(hold);
        assertInstanceOf(Reservation.Granted.class, b.reserve("i-3", "m", 0.05));
    }

    @Test
    void aHoldLeftByAStoppedRouterCountsUntilReconciledIntoAFailedRecordAtItsEstimate() {
        CostGuard a = new CostGuard(routerA, settings(1, Optional.empty()), clock);
        CostGuard b = new CostGuard(routerB, settings(1, Optional.empty()), clock);
        assertInstanceOf(Reservation.Granted.class, a.reserve("i-1", "m", 0.05));
        clock.advance(LIFETIME.plusSeconds(1));
        assertTrue(b.refusal().isPresent(), "the orphaned hold still takes its slot");
        assertEquals(1, routerB.reconcile());
        List<UsageRecord> records = routerB.read(clock.instant().minus(Duration.ofHours(1)), clock.instant());
        assertEquals(1, records.size());
        assertFalse(records.getFirst().success());
        assertEquals(0.05, records.getFirst().costUsd(), 1e-9);
        assertEquals(List.of(), heldInStore());
        clock.advance(Duration.ofHours(1));
        assertInstanceOf(Reservation.Granted.class, b.reserve("i-2", "m", 0.05), "the slot frees when its hour ends");
    }
}
