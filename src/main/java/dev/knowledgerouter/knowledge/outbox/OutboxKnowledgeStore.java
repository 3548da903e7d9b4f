package dev.knowledgerouter.knowledge.outbox;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
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
    /**
     * Flushed writes are marked on disk once this many more are in the store, and at the end of a
     * flush: a crash mid-flush replays at most this many and one batch again, harmlessly.
     */
    private static final int MARK_EVERY = 256;
    /** At most this many queued upserts, and entries, are written to the store as one batch. */
    private static final int MERGE_MAX = 256;

    private final KnowledgeStore store;
    private final Outbox outbox;
    /** One flush at a time, so queued writes reach the store in their order and once. */
    private final ReentrantLock flushing = new ReentrantLock();

    private volatile ScheduledExecutorService flusher;
    /** A flush is waiting on the flusher: writes during a long outage must not pile up one task each. */
    private final AtomicBoolean flushRequested = new AtomicBoolean();

    private ScheduledFuture<?> periodicFlush;
    private volatile boolean closed;
    /** The unopened collection the last flush stopped at, so the wait is logged once, not every interval. */
    private String waitingFor;

    /** How a flush ended: {@code drained} when it ran until nothing was queued. */
    private record Drain(int applied, boolean drained) {}

    /** Opens the outbox in {@code outboxDir} in front of {@code store}; both are closed by {@link #close}. */
    public OutboxKnowledgeStore(KnowledgeStore store, Path outboxDir, Clock clock) {
        this(store, Outbox.open(outboxDir, clock));
    }

    public OutboxKnowledgeStore(KnowledgeStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
        flushQuietly();
    }

    /**
     * Flushes every {@code interval} on {@code scheduler}, and there, not on the writer's thread, right
     * after each write that joined the queue. The scheduler stays the caller's; {@link #close} stops
     * the flushing.
     */
    public synchronized void startFlushing(ScheduledExecutorService scheduler, Duration interval) {
        if (flusher != null) {
            throw new IllegalStateException("the outbox at " + outbox.directory() + " is already being flushed");
        }
        long millis = Math.max(1, interval.toMillis());
        flusher = scheduler;
        periodicFlush = scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes the queued writes to the store in their order, removing each once the store has it, and
     * returns how many it wrote. It stops, keeping the rest, at an outage or at a write to a collection
     * not opened yet. An upsert the store can never take (vectors of another embedder than the
     * store's) is set aside in the outbox's {@code rejected.log}. Any other failure keeps the write
     * and is thrown.
     */
    public int flush() {
        flushing.lock();
        try {
            return closed ? 0 : drain().applied();
        } finally {
            flushing.unlock();
        }
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
    public EmbedderIdentity embedder() {
        return store.embedder();
    }

    @Override
    public void open(CollectionDefinition definition) {
        store.open(definition);
        flushQuietly();
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
        int dimension = store.embedder().dimension();
        for (Entry e : entries) {
            if (e.vector().length != dimension) {
                throw new IllegalArgumentException("entry '" + e.id() + "' has a " + e.vector().length
                        + "-d vector but collection '" + collection + "' holds " + dimension + "-d vectors");
            }
        }
        if (!entries.isEmpty()) {
            write(new PendingWrite.Upsert(collection, store.embedder(), entries), () -> {
                store.upsert(collection, entries);
                return 0; // an upsert answers nothing
            });
        }
    }

    /** Returns how many of the ids existed, or {@link #QUEUED} when the store was unreachable or writes were waiting. */
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
        synchronized (this) {
            if (periodicFlush != null) {
                periodicFlush.cancel(false);
            }
        }
        flushing.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                outbox.close();
            } finally {
                store.close();
            }
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Writes directly when nothing is waiting, else (or when the store turns out to be unreachable)
     * queues. Queuing behind waiting writes is one step with their removal, so a write cannot pass
     * a queued one that a flush is still applying.
     */
    private int write(PendingWrite write, IntSupplier direct) {
        if (outbox.appendIfWaiting(write).isPresent()) {
            flushSoon();
            return QUEUED;
        }
        try {
            return direct.getAsInt();
        } catch (StoreUnavailableException e) {
            outbox.append(write);
            LOG.warn(
                    "the store is unreachable; a write to '{}' is kept in the outbox at {} until it is back ({} waiting): {}",
                    write.collection(),
                    outbox.directory(),
                    outbox.pending(),
                    e.getMessage());
            return QUEUED;
        }
    }

    /** On the flusher's thread when there is one, so the writer does not wait for the store; else here. */
    private void flushSoon() {
        ScheduledExecutorService scheduler = flusher;
        if (scheduler == null) {
            flushQuietly();
        } else if (flushRequested.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    flushRequested.set(false);
                    flushQuietly();
                });
            } catch (RejectedExecutionException e) {
                // the scheduler is shutting down: flush here
                flushRequested.set(false);
                flushQuietly();
            }
        }
    }

    /**
     * Flushes unless another thread is flushing, which then takes what was queued. Never throws: its
     * callers have acknowledged their writes already, and a periodic task that throws is not run again.
     */
    private void flushQuietly() {
        boolean again = true;
        while (again && !closed && !outbox.isEmpty() && flushing.tryLock()) {
            try {
                // Drained means a write queued after the drain looked last may still be waiting: look again.
                again = !closed && drain().drained();
            } catch (RuntimeException e) {
                LOG.warn(
                        "flushing the outbox at {} failed; {} writes stay queued: {}",
                        outbox.directory(),
                        outbox.pending(),
                        e.getMessage());
                again = false;
            } finally {
                flushing.unlock();
            }
        }
    }

    /** Applies queued writes in order; the caller holds {@link #flushing}. */
    private Drain drain() {
        int applied = 0;
        int marked = 0;
        boolean drained = false;
        try {
            while (true) {
                List<Outbox.Queued> next = outbox.first(MERGE_MAX);
                if (next.isEmpty()) {
                    drained = true;
                    break;
                }
                Outbox.Queued head = next.getFirst();
                if (!isOpen(head.write().collection())) {
                    logWait(head.write().collection());
                    break;
                }
                waitingFor = null;
                Optional<String> refusal = refusal(head.write());
                if (refusal.isPresent()) {
                    LOG.error(
                            "queued write {} to '{}' can never be written ({}); it is set aside in {}",
                            head.sequence(),
                            head.write().collection(),
                            refusal.get(),
                            outbox.directory().resolve(Outbox.REJECTED));
                    outbox.setAside(head, refusal.get());
                    continue;
                }
                List<Outbox.Queued> run = run(next);
                try {
                    apply(run);
                } catch (StoreUnavailableException e) {
                    LOG.debug(
                            "the store is still unreachable; {} writes stay queued: {}",
                            outbox.pending(),
                            e.getMessage());
                    break;
                }
                run.forEach(outbox::remove);
                applied += run.size();
                if (applied - marked >= MARK_EVERY) {
                    outbox.commit();
                    marked = applied;
                }
            }
        } finally {
            outbox.commit();
        }
        if (applied > 0) {
            LOG.info("{} queued writes flushed to the store; {} still waiting", applied, outbox.pending());
        }
        return new Drain(applied, drained);
    }

    /**
     * The oldest write, with the upserts to its collection that directly follow it: written as one
     * batch, they cost the store one commit instead of one each. A batch keeps the last entry of an
     * id it repeats, so the later write still wins.
     */
    private static List<Outbox.Queued> run(List<Outbox.Queued> next) {
        Outbox.Queued head = next.getFirst();
        if (!(head.write() instanceof PendingWrite.Upsert first)) {
            return List.of(head);
        }
        List<Outbox.Queued> run = new ArrayList<>(List.of(head));
        int entries = first.entries().size();
        for (Outbox.Queued q : next.subList(1, next.size())) {
            if (!(q.write() instanceof PendingWrite.Upsert u)
                    || !u.collection().equals(first.collection())
                    || !u.embedder().equals(first.embedder())
                    || entries + u.entries().size() > MERGE_MAX) {
                break;
            }
            run.add(q);
            entries += u.entries().size();
        }
        return run;
    }

    private void apply(List<Outbox.Queued> run) {
        if (run.size() == 1) {
            switch (run.getFirst().write()) {
                case PendingWrite.Upsert upsert -> store.upsert(upsert.collection(), upsert.entries());
                case PendingWrite.Delete delete -> store.delete(delete.collection(), delete.ids());
            }
        } else {
            List<Entry> entries = new ArrayList<>();
            run.forEach(q -> entries.addAll(((PendingWrite.Upsert) q.write()).entries()));
            store.upsert(run.getFirst().write().collection(), entries);
        }
    }

    /** Why the store can never take this write, checked before sending it. */
    private Optional<String> refusal(PendingWrite write) {
        if (write instanceof PendingWrite.Upsert upsert && !upsert.embedder().equals(store.embedder())) {
            return Optional.of(
                    "its vectors are from " + upsert.embedder() + " but the store holds " + store.embedder());
        }
        return Optional.empty();
    }

    private void logWait(String collection) {
        if (!collection.equals(waitingFor)) {
            waitingFor = collection;
            LOG.warn("{} queued writes wait for collection '{}' to be opened", outbox.pending(), collection);
        }
    }

    private boolean isOpen(String collection) {
        return store.collections().stream().anyMatch(c -> c.name().equals(collection));
    }

    /** The store's own list: both stores keep it in memory, so it answers during an outage. */
    private void requireOpen(String collection) {
        if (!isOpen(collection)) {
            throw new UnknownCollectionException(
                    collection,
                    store.collections().stream().map(CollectionDefinition::name).toList());
        }
    }
}
