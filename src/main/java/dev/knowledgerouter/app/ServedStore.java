package dev.knowledgerouter.app;

import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.outbox.OutboxKnowledgeStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The store as the App serves it: the one {@code store:} names, kept writable through a Qdrant outage
 * by an outbox, with every catalogued collection open.
 */
final class ServedStore {
    private static final Duration OUTBOX_FLUSH_INTERVAL = Duration.ofSeconds(5);

    private ServedStore() {}

    /** Opens the store and its collections; on failure nothing stays open. */
    static KnowledgeStore open(KrConfig config, CollectionCatalog catalog, CollectionEmbedders embedders, Clock clock) {
        KnowledgeStore store = StoreFactory.open(config, config.store().kind(), embedders);
        if (config.store().kind() == StoreSettings.Kind.QDRANT) {
            // A server can go away while we serve; what users gave us waits on local disk until it is back.
            try {
                store = new OutboxKnowledgeStore(store, config.outboxDir(), clock);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        try {
            catalog.all().forEach(store::open);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Replays the outbox's writes while the router runs; nothing to do for a store without one. */
    static Optional<ScheduledExecutorService> startFlushing(KnowledgeStore store) {
        if (!(store instanceof OutboxKnowledgeStore outbox)) {
            return Optional.empty();
        }
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("kr-outbox").factory());
        outbox.startFlushing(flusher, OUTBOX_FLUSH_INTERVAL);
        return Optional.of(flusher);
    }
}
