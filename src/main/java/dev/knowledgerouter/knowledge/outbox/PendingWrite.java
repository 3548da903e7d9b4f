package dev.knowledgerouter.knowledge.outbox;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import java.util.List;

/**
 * A write the store has not taken yet, as the {@link Outbox} keeps it. Both kinds name entries by
 * id, so applying one twice leaves the store as applying it once: that is what lets the outbox
 * replay a write whose removal a crash interrupted.
 */
public sealed interface PendingWrite {
    String collection();

    /**
     * Inserts or replaces entries. The embedder is kept with the vectors so that a write queued by one
     * embedder is never replayed into a store filled by another.
     */
    record Upsert(String collection, EmbedderIdentity embedder, List<Entry> entries) implements PendingWrite {
        public Upsert {
            entries = List.copyOf(entries);
        }
    }

    record Delete(String collection, List<String> ids) implements PendingWrite {
        public Delete {
            ids = List.copyOf(ids);
        }
    }
}
