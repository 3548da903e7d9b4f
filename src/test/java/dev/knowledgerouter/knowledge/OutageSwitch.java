package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Fault injection for outage tests: a real store behind a switch. While the switch is down, every
 * call that the Qdrant store sends to its server fails with {@link StoreUnavailableException} and
 * never reaches the real store; what the Qdrant store answers from memory (its embedder, its opened
 * collections) still answers, as it does there.
 */
public final class OutageSwitch implements KnowledgeStore {
    private static final int NEVER = -1;

    private final KnowledgeStore store;
    private volatile boolean down;
    /** Calls still let through before the store goes down on its own; {@link #NEVER} to stay up. */
    private final AtomicInteger callsBeforeDown = new AtomicInteger(NEVER);

    public OutageSwitch(KnowledgeStore store) {
        this.store = store;
    }

    public void down() {
        down = true;
    }

    public void up() {
        callsBeforeDown.set(NEVER);
        down = false;
    }

    /** Back up for {@code calls} more calls, then down again: an outage that returns mid-flush. */
    public void upFor(int calls) {
        callsBeforeDown.set(calls);
        down = false;
    }

    boolean isDown() {
        return down;
    }

    private void reach(String what) {
        if (callsBeforeDown.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
            down = true;
        }
        if (down) {
            throw new StoreUnavailableException("test outage: the store did not answer " + what, null);
        }
    }

    @Override
    public CollectionEmbedders embedders() {
        return store.embedders();
    }

    @Override
    public void drop(String collection) {
        reach("drop");
        store.drop(collection);
    }

    @Override
    public void open(CollectionDefinition definition) {
        reach("open");
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
        reach("upsert");
        store.upsert(collection, entries);
    }

    @Override
    public Optional<StoredEntry> updatePayload(
            String collection, String id, UnaryOperator<Map<String, Object>> update) {
        reach("updatePayload");
        return store.updatePayload(collection, id, update);
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        reach("delete");
        return store.delete(collection, ids);
    }

    @Override
    public long count(String collection) {
        reach("count");
        return store.count(collection);
    }

    @Override
    public void compact(String collection) {
        reach("compact");
        store.compact(collection);
    }

    @Override
    public Optional<StoredEntry> get(String collection, String id) {
        reach("get");
        return store.get(collection, id);
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        reach("search");
        return store.search(request);
    }

    @Override
    public void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor) {
        reach("scan");
        store.scan(collection, from, to, visitor);
    }

    @Override
    public void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) {
        reach("scanWithVectors");
        store.scanWithVectors(collection, from, to, visitor);
    }

    @Override
    public void close() {
        store.close();
    }
}
