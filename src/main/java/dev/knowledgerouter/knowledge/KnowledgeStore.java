package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Collections of embedded entries. Writes are durable when the call returns; a collection refuses to
 * open when it was filled by another embedder than the store's for its kind ({@link CollectionEmbedders}).
 */
public interface KnowledgeStore extends AutoCloseable {

    /** The embedder every collection but the code collections must have been filled with. */
    default EmbedderIdentity embedder() {
        return embedders().knowledge();
    }

    /** The embedder of each kind of collection: what it must have been filled with, and what its queries use. */
    CollectionEmbedders embedders();

    /**
     * Deletes a collection and everything in it, whether open or not; nothing when there is no such collection.
     * Used to rebuild a code collection that another embedder filled (its entries are made again from the code).
     */
    void drop(String collection);

    /** Creates the collection if needed and opens it; fails with {@link EmbedderMismatchException}. */
    void open(CollectionDefinition definition);

    /** The opened collections, in the order they were opened. */
    List<CollectionDefinition> collections();

    CollectionDefinition collection(String name);

    /** Inserts or replaces entries by id, all or none, durable on return. */
    void upsert(String collection, List<Entry> entries);

    /**
     * Replaces the payload of an existing entry, keeping its vector and timestamp, durable on
     * return; empty when there is no such entry.
     */
    Optional<StoredEntry> updatePayload(String collection, String id, UnaryOperator<Map<String, Object>> update);

    /** Deletes entries by id; returns how many existed. */
    int delete(String collection, Collection<String> ids);

    long count(String collection);

    /**
     * Reorganises a collection for search speed after a bulk load (Lucene: merge into one segment,
     * so a query walks one HNSW graph instead of one per segment). Durable on return.
     */
    void compact(String collection);

    Optional<StoredEntry> get(String collection, String id);

    List<SearchHit> search(SearchRequest request);

    /**
     * The hits {@link #search} would answer, in the same order, read only when asked for (see {@link RankedHits});
     * a store that cannot rank without reading answers the hits it read.
     */
    default RankedHits rank(SearchRequest request) {
        return RankedHits.of(search(request));
    }

    /** Visits the entries with {@code from <= timestamp < to}, oldest first. */
    void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor);

    /** As {@link #scan}, with each entry's stored vector, for models trained on the history's own embeddings. */
    void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor);

    @Override
    void close();
}
