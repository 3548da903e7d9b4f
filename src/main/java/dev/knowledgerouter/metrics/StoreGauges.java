package dev.knowledgerouter.metrics;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.outbox.OutboxKnowledgeStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Set;

/**
 * Store sizes as gauges read at scrape time ({@code count} is cheap on both stores). Collections
 * are opened while the router runs (an analysed repository gets its own), so the set of series is
 * brought up to date before each scrape rather than fixed at start.
 */
final class StoreGauges {
    private static final String ENTRIES = "kr.store.entries";

    private final MeterRegistry registry;
    private final KnowledgeStore store;
    private final Set<String> known = new HashSet<>();

    StoreGauges(MeterRegistry registry, KnowledgeStore store) {
        this.registry = registry;
        this.store = store;
        if (store instanceof OutboxKnowledgeStore outbox) {
            Gauge.builder("kr.outbox.pending.writes", outbox, OutboxKnowledgeStore::pending)
                    .strongReference(true)
                    .description("Store writes waiting in the local outbox for the store to be reachable again")
                    .register(registry);
        }
    }

    /** Adds a gauge for each collection opened since the last scrape (a store never closes one while it runs). */
    synchronized void refresh() {
        for (CollectionDefinition c : store.collections()) {
            String name = c.name();
            if (known.add(name)) {
                Gauge.builder(ENTRIES, () -> count(name))
                        .strongReference(true)
                        .description("Entries in a collection, read at scrape time")
                        .tag("collection", name)
                        .register(registry);
            }
        }
    }

    /** NaN while the store cannot answer: Prometheus shows a gap instead of a made-up size. */
    private double count(String collection) {
        try {
            return store.count(collection);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
