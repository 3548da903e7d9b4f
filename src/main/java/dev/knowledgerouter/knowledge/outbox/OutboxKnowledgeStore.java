package dev.knowledgerouter.knowledge.outbox;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store whose writes outlive an outage of the store behind it: an upsert or delete that meets
 * {@link StoreUnavailableException} is kept in an {@link Outbox} on local disk and acknowledged, and
 * {@link #flush} writes it once the store answers again.
 * <ul>
 *   <li>While writes are queued, every new write joins the queue behind them, even when the store is
 *       back: written directly, it could be overwritten by an older queued write replayed later.</li>
 *   <li>What can be checked without the store is checked before queuing (known collection, vector
 *       dimension, payload as JSON), so a write that could never be applied fails at once instead of
 *       being acknowledged.</li>
 *   <li>A queued {@link #delete} returns {@link #QUEUED} (0): how many of the ids existed is only
 *       known to the store. No caller acts on that count.</li>
 *   <li>Reads, {@link #compact} and {@link #open} go to the store and fail while it is unreachable,
 *       which callers answer with 503; a read sees queued writes once they are flushed.
 *       {@link #updatePayload} flushes first, and fails as unreachable while writes stay queued: it
 *       reads the entry, and a queued write of the same entry replayed after it would undo it.</li>
 *   <li>Queued writes are flushed when a write joins the queue (on the flusher's thread once
 *       {@link #startFlushing} was called, else on the writer's), when a collection is opened (a new
 *       process takes over what the last one left), every interval of {@link #startFlushing}, and on
 *       {@link #flush}.</li>
 * </ul>
 */
public final class OutboxKnowledgeStore implements KnowledgeStore {
    /** What {@link #delete} returns when the delete was queued. */
    public static final int QUEUED = 0;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxKnowledgeStore.class);

    private final KnowledgeStore store;
    private final Outbox outbox;
    private final OutboxFlusher flusher;

    /** Opens the outbox in {@code outboxDir} in front of {@code store}; both are closed by {@link #close}. */
    public OutboxKnowledgeStore(KnowledgeStore store, Path outboxDir, Clock clock) {
        this(store, Outbox.open(outboxDir, clock));
    }

    public OutboxKnowledgeStore(KnowledgeStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
        this.flusher = new OutboxFlusher(store, outbox);
        flusher.flushQuietly();
    }

    /**
     * Flushes every {@code interval} on {@code scheduler}, and there, not on the writer's thread, right
     * after each write that joined the queue. The scheduler stays the caller's; {@link #close} stops
     * the flushing.
     */
    public void startFlushing(ScheduledExecutorService scheduler, Duration interval) {
        flusher.start(scheduler, interval);
    }

    /**
     * Writes the queued writes to the store in their order, removing each once the store has it, and
     * returns how many it wrote. It stops, keeping the rest, at an outage or at a write to a collection
     * not opened yet. An upsert the store can never take (vectors of another embedder than the
     * store's) is set aside in the outbox's {@code rejected.log}. Any other failure keeps the write
     * and is thrown.
     */
    public int flush() {
        return flusher.flush();
    }

    /** The store the writes are for. */
    public KnowledgeStore delegate() {
        return store;
    }

    /** Writes waiting for the store. */
    public int pending() {
        return outbox.pending();
    }

    /** When the oldest waiting write was queued. */
    public Optional<Instant> oldestPending() {
        return outbox.oldestPending();
    }

    @Override
    public CollectionEmbedders embedders() {
        return store.embedders();
    }

    /** Straight to the store, which must be reachable: a collection is rebuilt only with the store there. */
    @Override
    public void drop(String collection) {
        store.drop(collection);
    }

    @Override
    public void open(CollectionDefinition definition) {
        store.open(definition);
        flusher.flushQuietly();
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
        requireOpen(collection);
        EmbedderIdentity embedder = store.embedders().of(store.collection(collection));
        embedder.checkEntryVectors(collection, entries);
        if (!entries.isEmpty()) {
            write(new PendingWrite.Upsert(collection, embedder, entries), () -> {
                store.upsert(collection, entries);
                return 0; // an upsert answers nothing
            });
        }
    }

    /**
     * Returns how many of the ids existed, or {@link #QUEUED} when the store was unreachable or writes
     * were waiting.
     */
    @Override
    public int delete(String collection, Collection<String> ids) {
        requireOpen(collection);
        return ids.isEmpty()
                ? 0
                : write(new PendingWrite.Delete(collection, List.copyOf(ids)), () -> store.delete(collection, ids));
    }

    @Override
    public Optional<StoredEntry> updatePayload(
            String collection, String id, UnaryOperator<Map<String, Object>> update) {
        if (!outbox.isEmpty()) {
            flush();
            if (!outbox.isEmpty()) {
                throw new StoreUnavailableException(
                        outbox.pending() + " writes made while the store was unreachable are not in it yet;"
                                + " payloads can be updated once they are",
                        null);
            }
        }
        return store.updatePayload(collection, id, update);
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
    public List<SearchHit> search(SearchRequest request) {
        return store.search(request);
    }

    @Override
    public RankedHits rank(SearchRequest request) {
        return store.rank(request);
    }

    @Override
    public void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor) {
        store.scan(collection, from, to, visitor);
    }

    @Override
    public void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) {
        store.scanWithVectors(collection, from, to, visitor);
    }

    /** Closes the store and the outbox; queued writes stay on disk for the next process. */
    @Override
    public void close() {
        flusher.closeWith(() -> {
            try {
                outbox.close();
            } finally {
                store.close();
            }
        });
    }

    /**
     * Writes directly when nothing is waiting, else (or when the store turns out to be unreachable)
     * queues. Queuing behind waiting writes is one step with their removal, so a write cannot pass
     * a queued one that a flush is still applying.
     */
    private int write(PendingWrite write, IntSupplier direct) {
        if (outbox.appendIfWaiting(write).isPresent()) {
            flusher.flushSoon();
            return QUEUED;
        }
        try {
            return direct.getAsInt();
        } catch (StoreUnavailableException e) {
            outbox.append(write);
            LOG.warn(
                    "the store is unreachable; a write to '{}' is kept in the outbox at {} until it is back"
                            + " ({} waiting): {}",
                    write.collection(),
                    outbox.directory(),
                    outbox.pending(),
                    e.getMessage());
            return QUEUED;
        }
    }

    private boolean isOpen(String collection) {
        return store.collections().stream().anyMatch(c -> c.name().equals(collection));
    }

    private void requireOpen(String collection) {
        if (!OutboxFlusher.isOpen(store, collection)) {
            throw new UnknownCollectionException(
                    collection,
                    store.collections().stream().map(CollectionDefinition::name).toList());
        }
    }
}
