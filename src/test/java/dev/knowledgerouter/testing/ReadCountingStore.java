package dev.knowledgerouter.testing;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A real store that counts how many ranked hits its callers read, to show what a search decodes, and keeps
 * the searches it was asked for.
 */
public final class ReadCountingStore implements KnowledgeStore {
    private final KnowledgeStore store;
    private final AtomicInteger ranked = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger();
    private final List<SearchRequest> requests = new CopyOnWriteArrayList<>();

    public ReadCountingStore(KnowledgeStore store) {
        this.store = store;
    }

    /** Hits the rankings kept. */
    public int ranked() {
        return ranked.get();
    }

    /** Hits read out of the rankings. */
    public int read() {
        return read.get();
    }

    /** The searches and rankings asked for, in order. */
    public List<SearchRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public RankedHits rank(SearchRequest request) {
        requests.add(request);
        RankedHits hits = store.rank(request);
        ranked.addAndGet(hits.size());
        return new RankedHits() {
            @Override
            public int size() {
                return hits.size();
            }

            @Override
            public double rankScore(int i) {
                return hits.rankScore(i);
            }

            @Override
            public SearchHit read(int i) {
                read.incrementAndGet();
                return hits.read(i);
            }

            @Override
            public void close() {
                hits.close();
            }
        };
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        requests.add(request);
        return store.search(request);
    }

    @Override
    public CollectionEmbedders embedders() {
        return store.embedders();
    }

    @Override
    public void drop(String collection) {
        store.drop(collection);
    }

    @Override
    public void open(CollectionDefinition definition) {
        store.open(definition);
    }

    @Override
    public List<CollectionDefinition> collections() {
        return store.collections();
    }

    @Override
    public CollectionDefinition collection(String name) {
        return store.collection(name);
    }

    @Override
    public void upsert(String collection, List<Entry> entries) {
        store.upsert(collection, entries);
    }

    @Override
    public Optional<StoredEntry> updatePayload(
            String collection, String id, UnaryOperator<Map<String, Object>> update) {
        return store.updatePayload(collection, id, update);
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        return store.delete(collection, ids);
    }

    @Override
    public long count(String collection) {
        return store.count(collection);
    }

    @Override
    public void compact(String collection) {
        store.compact(collection);
    }

    @Override
    public Optional<StoredEntry> get(String collection, String id) {
        return store.get(collection, id);
    }

    @Override
    public void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor) {
        store.scan(collection, from, to, visitor);
    }

    @Override
    public void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) {
        store.scanWithVectors(collection, from, to, visitor);
    }

    @Override
    public void close() {
        store.close();
    }
}
