package dev.knowledgerouter.report.weekly;

import static dev.knowledgerouter.report.weekly.WeeklySetup.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.report.IsoWeek;
import dev.knowledgerouter.report.ReportArchive;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.ManualTimer;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two routers on one store run each week once. Lucene allows one writer per home, so both routers'
 * schedulers and leases share one store here, as two Qdrant-backed routers share their collections.
 */
class ReportLeaseTest {
    static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path home;

    MutableClock clock = new MutableClock(MONDAY.minus(Duration.ofHours(1)));
    App app;

    @BeforeEach
    void open() {
        app = App.open(WeeklySetup.config(home.resolve("data")), TestStack.embedder(), clock);
    }

    @AfterEach
    void close() {
        app.close();
    }

    ReportLease lease(String owner, ReportLeaseTest.Settle settle) {
        return new ReportLease(app.store(), owner, clock, settle::during, ReportLease.SETTLE, ReportLease.TTL);
    }

    /** What happens while a claim settles: nothing, or another router's move. */
    @FunctionalInterface
    interface Settle {
        void during(Duration wait);
    }

    @Test
    void twoRoutersOnOneStoreRunTheWeekOnce() {
        History.store(app, "w48", 2, MONDAY.minus(Duration.ofDays(2)), History.localAttempt(true, 0.86, 2));
        ManualTimer timerA = new ManualTimer();
        ManualTimer timerB = new ManualTimer();
        ReportArchive archiveA = new ReportArchive(home.resolve("a"), WireJson.mapper());
        ReportArchive archiveB = new ReportArchive(home.resolve("b"), WireJson.mapper());
        WeeklySetup.Sleeps sleeps = new WeeklySetup.Sleeps();
        for (var router :
                List.of(new Object[] {"router-a", timerA, archiveA}, new Object[] {"router-b", timerB, archiveB})) {
            app.weeklyReports()
                    .configFile(home.resolve("kr.yaml"))
                    .linkBase(WeeklySetup.LINK_BASE)
                    .owner((String) router[0])
                    .timer((ManualTimer) router[1])
                    .archive((ReportArchive) router[2])
                    .sleeper(sleeps::sleep)
                    .build()
                    .start();
        }
        clock.advance(Duration.ofHours(1));
        timerA.runDue(clock.instant());
        timerB.runDue(clock.instant());

        assertTrue(archiveA.has(W48), "the first router ran the week");
        assertTrue(archiveB.list().isEmpty(), "the second found it done and ran nothing");
        assertEquals("done", lease("observer", w -> {}).read(W48).orElseThrow().state());
        assertEquals(
                "router-a", lease("observer", w -> {}).read(W48).orElseThrow().owner());
        timerA.close();
        timerB.close();
    }

    @Test
    void aLiveClaimOfAnotherRouterKeepsTheWeek() {
        assertTrue(lease("a", w -> {}).claim(W48).isPresent());
        assertEquals(Optional.empty(), lease("b", w -> {}).claim(W48));
    }

    @Test
    void aClaimOverwrittenWhileItSettlesStepsBack() {
        ReportLease b = lease("b", w -> {});
        // Router b read the lease before a's claim landed and wrote its own after it: the later write wins.
        ReportLease a = lease("a", w -> b.complete(new ReportLease.Claim(W48, "b", MONDAY)));
        assertEquals(Optional.empty(), a.claim(W48));
        assertEquals("b", a.read(W48).orElseThrow().owner());
    }

    @Test
    void theClaimOfARouterThatDiedIsTakenOverOnceItRunsOut() {
        assertTrue(lease("a", w -> {}).claim(W48).isPresent());
        clock.advance(ReportLease.TTL.minusSeconds(1));
        assertEquals(Optional.empty(), lease("b", w -> {}).claim(W48), "still held");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(lease("b", w -> {}).claim(W48).isPresent(), "run out: b takes the week");
    }

    @Test
    void aWeekGivenBackAfterAFailedRunCanBeRunAgainButADoneWeekNever() {
        ReportLease a = lease("a", w -> {});
        a.release(a.claim(W48).orElseThrow());
        ReportLease b = lease("b", w -> {});
        ReportLease.Claim claim = b.claim(W48).orElseThrow();
        b.complete(claim);
        clock.advance(ReportLease.TTL.multipliedBy(10));
        assertEquals(Optional.empty(), a.claim(W48));
        assertEquals(Optional.empty(), b.claim(W48), "not even by the router that ran it");
    }
}
