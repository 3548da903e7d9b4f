package dev.knowledgerouter.report.weekly;

import dev.knowledgerouter.answer.claude.RetryPolicy;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.report.IsoWeek;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure that of several routers sharing one store (Qdrant; Lucene allows one writer anyway),
 * one runs a week's report. The lease is an entry per week in the {@code router-state} collection,
 * written through the {@link KnowledgeStore} API like any entry, so it works on every store.
 *
 * <p>The store offers no compare-and-set, so a claim is written, left to settle for {@code settle},
 * and read back: when two routers claim at once the later write wins, and the router whose claim was
 * overwritten sees that and steps back. This holds as long as no router takes longer than {@code
 * settle} between reading the lease and writing its claim (a store round trip, far below the default
 * two seconds). A claim runs out after {@code ttl}, so a router that dies mid-run does not hold the
 * week for ever; a finished week is marked done and never run again by anyone.
 */
public final class ReportLease {
    public static final CollectionDefinition COLLECTION = new CollectionDefinition(
            "router-state",
            "Records the routers sharing this store keep for themselves, such as who runs the weekly report",
            CollectionKind.STATE,
            List.of("purpose"),
            "purpose",
            "purpose");

    static final Duration SETTLE = Duration.ofSeconds(2);
    static final Duration TTL = Duration.ofMinutes(30);
    private static final String RUNNING = "running";
    private static final String DONE = "done";
    private static final String RELEASED = "released";

    private final KnowledgeStore store;
    private final String owner;
    private final Clock clock;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration settle;
    private final Duration ttl;
    private final float[] vector;

    /** @param owner this router's name in the lease; unique per running router */
    public ReportLease(
            KnowledgeStore store,
            String owner,
            Clock clock,
            RetryPolicy.Sleeper sleeper,
            Duration settle,
            Duration ttl) {
        this.store = store;
        this.owner = owner;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settle = settle;
        this.ttl = ttl;
        // Every entry needs a vector of the store's dimension; a lease is never searched, so any unit vector does.
        this.vector = new float[store.embedder().dimension()];
        this.vector[0] = 1;
        store.open(COLLECTION);
    }

    /** The week's lease held by this router, until {@code until}. */
    public record Claim(IsoWeek week, String owner, Instant until) {}

    /** The lease of a week as the store holds it. */
    public record State(IsoWeek week, String owner, String state, Instant until) {
        boolean done() {
            return DONE.equals(state);
        }

        boolean heldBy(String someone, Instant now) {
            return RUNNING.equals(state) && someone.equals(owner) && until.isAfter(now);
        }

        boolean heldByAnotherThan(String me, Instant now) {
            return RUNNING.equals(state) && !me.equals(owner) && until.isAfter(now);
        }
    }

    public String owner() {
        return owner;
    }

    /**
     * Claims the week: empty when it is done (by any router) or another router holds a live claim, or
     * when another claim overwrote this one while it settled.
     */
    public Optional<Claim> claim(IsoWeek week) {
        Instant now = clock.instant();
        Optional<State> before = read(week);
        if (before.isPresent() && (before.get().done() || before.get().heldByAnotherThan(owner, now))) {
            return Optional.empty();
        }
        Instant until = now.plus(ttl);
        write(week, RUNNING, until);
        try {
            sleeper.sleep(settle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return read(week).filter(s -> s.heldBy(owner, clock.instant())).map(s -> new Claim(week, owner, until));
    }

    /** Marks the week done: no router runs it again. */
    public void complete(Claim claim) {
        write(claim.week(), DONE, clock.instant());
    }

    /** Gives the week up after a failed run, so that a later attempt (here or elsewhere) may run it. */
    public void release(Claim claim) {
        if (read(claim.week()).filter(s -> s.heldBy(owner, clock.instant())).isPresent()) {
            write(claim.week(), RELEASED, clock.instant());
        }
    }

    public Optional<State> read(IsoWeek week) {
        return store.get(COLLECTION.name(), id(week)).flatMap(ReportLease::state);
    }

    private static Optional<State> state(StoredEntry entry) {
        Map<String, Object> p = entry.payload();
        try {
            return Optional.of(new State(
                    IsoWeek.parse(String.valueOf(p.get("week"))),
                    String.valueOf(p.get("owner")),
                    String.valueOf(p.get("state")),
                    Instant.parse(String.valueOf(p.get("until")))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // Not a lease this version wrote: treat the week as free rather than blocked for ever.
            return Optional.empty();
        }
    }

    private void write(IsoWeek week, String state, Instant until) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", "weekly report lease");
        payload.put("week", week.toString());
        payload.put("owner", owner);
        payload.put("state", state);
        payload.put("until", until.toString());
        store.upsert(COLLECTION.name(), List.of(new Entry(id(week), payload, vector, clock.instant())));
    }

    private static String id(IsoWeek week) {
        return "weekly-report-" + week;
    }
}
