package dev.knowledgerouter.answer.storeledger;

import dev.knowledgerouter.answer.Hold;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.UsageRecord;
import dev.knowledgerouter.answer.UsageSnapshot;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger in the knowledge store, shared by every router that uses the store: records and holds
 * are entries of one collection, so the routers on one Qdrant cluster count one hourly cap and one budget.
 *
 * <p>The store has no compare-and-set, so a hold is taken by writing it first and checking second: the
 * check sees every record and every other hold written before this one, and a caller whose check
 * refuses deletes its hold again. Of the callers that go ahead, the one whose hold was written last saw
 * all the others, so together they stay within the cap, as long as the store shows a write that has
 * returned to every later read (one Lucene store; Qdrant with one replica per shard, or with strong write
 * ordering and majority reads). Near the cap, callers racing for the last slots can each see the other's
 * hold and all be refused: the race costs a refusal, never a call over the cap.
 *
 * <p>A hold outlives a router that dies during its call. It keeps counting as a call at its estimate in
 * the windows it falls in (the call may have been billed), so it blocks nothing beyond them, and {@link
 * #reconcile} (run at start) turns every hold older than the hold lifetime into a failed record at that
 * estimate, so reports show it.
 */
public final class StoreUsageLedger implements UsageLedger {
    public static final String COLLECTION = "kr-usage";
    public static final CollectionDefinition DEFINITION = new CollectionDefinition(
            COLLECTION,
            "Paid Claude calls and the holds of calls in flight, shared by the routers on this store",
            CollectionKind.USAGE,
            List.of("model", "reason"),
            "model",
            "model");

    private static final Logger LOG = LoggerFactory.getLogger(StoreUsageLedger.class);
    /** Past any record a clock read after the hold's could stamp while the check runs. */
    private static final Duration LATER = Duration.ofDays(1);
    /** How far back {@link #reconcile} looks: past the longest window (a month). */
    private static final Duration RECONCILE_HORIZON = Duration.ofDays(32);

    private final KnowledgeStore store;
    private final UsageEntries entries;
    private final Duration holdLifetime;
    private final Clock clock;

    /** @param holdLifetime longer than any call can take, retries included: an older hold has lost its router */
    public StoreUsageLedger(KnowledgeStore store, Duration holdLifetime, Clock clock) {
        this.store = store;
        this.entries = new UsageEntries(store.embedder().dimension());
        this.holdLifetime = holdLifetime;
        this.clock = clock;
        store.open(DEFINITION);
    }

    @Override
    public void append(UsageRecord record) {
        store.upsert(COLLECTION, List.of(entries.record(UUID.randomUUID().toString(), record)));
    }

    @Override
    public List<UsageRecord> read(Instant from, Instant to) {
        return snapshot(from, to).records();
    }

    @Override
    public UsageSnapshot snapshot(Instant from, Instant to) {
        List<UsageRecord> records = new ArrayList<>();
        List<Hold> holds = new ArrayList<>();
        store.scan(COLLECTION, from, to, e -> {
            if (UsageEntries.isHold(e)) {
                holds.add(UsageEntries.toHold(e));
            } else {
                records.add(UsageEntries.toRecord(e));
            }
        });
        return new UsageSnapshot(records, holds);
    }

    @Override
    public Optional<String> reserve(Hold hold, Instant from, Function<UsageSnapshot, Optional<String>> refusal) {
        try {
            store.upsert(COLLECTION, List.of(entries.hold(hold)));
        } catch (RuntimeException e) {
            return Optional.of(unreachable(e));
        }
        Optional<String> refused;
        try {
            UsageSnapshot seen = snapshot(from, hold.at().plus(LATER));
            List<Hold> others =
                    seen.holds().stream().filter(h -> !h.id().equals(hold.id())).toList();
            refused = refusal.apply(new UsageSnapshot(seen.records(), others));
        } catch (RuntimeException e) {
            refused = Optional.of(unreachable(e));
        }
        if (refused.isPresent()) {
            releaseQuietly(hold);
        }
        return refused;
    }

    @Override
    public void settle(Hold hold, UsageRecord record) {
        // Same id: the record replaces the hold in one write, so the call is never counted twice or not at all.
        store.upsert(COLLECTION, List.of(entries.record(hold.id(), record)));
    }

    @Override
    public void release(Hold hold) {
        store.delete(COLLECTION, List.of(hold.id()));
    }

    /**
     * Turns every hold older than the hold lifetime into a failed record at its estimate: its router
     * stopped during the call, which may have been billed. Safe to run from several routers at once
     * (the record takes the hold's id); returns how many holds it settled.
     */
    public int reconcile() {
        Instant now = clock.instant();
        List<StoredEntry> stale = new ArrayList<>();
        store.scan(COLLECTION, now.minus(RECONCILE_HORIZON), now.minus(holdLifetime), e -> {
            if (UsageEntries.isHold(e)) {
                stale.add(e);
            }
        });
        for (StoredEntry e : stale) {
            Hold h = UsageEntries.toHold(e);
            settle(
                    h,
                    new UsageRecord(
                            h.at(),
                            h.interactionId(),
                            h.model(),
                            null,
                            "unsettled: the router stopped during the call; counted at its estimate",
                            0,
                            0,
                            h.estimatedUsd(),
                            false));
        }
        if (!stale.isEmpty()) {
            LOG.warn(
                    "settled {} paid-call holds left by a router that stopped during its call, at their estimates",
                    stale.size());
        }
        return stale.size();
    }

    private void releaseQuietly(Hold hold) {
        try {
            release(hold);
        } catch (RuntimeException e) {
            // Left behind, the hold counts as a call until it leaves the windows; reconcile records it.
            LOG.warn("could not release a paid-call hold in the shared ledger: {}", e.getMessage());
        }
    }

    private static String unreachable(RuntimeException e) {
        return "the shared usage ledger in the store cannot be read or written (" + e.getMessage()
                + "); paid calls wait until the store answers";
    }
}
