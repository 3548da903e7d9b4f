package dev.knowledgerouter.knowledge.outbox;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what an {@link Outbox} holds to the store behind it, in the order the writes were made and
 * once each: one flush at a time, each write removed once the store has it. Consecutive upserts to one
 * collection go as one batch. A flush stops, keeping the rest, at an outage or at a write to a
 * collection not opened yet; an upsert the store can never take is set aside.
 */
final class OutboxFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxFlusher.class);
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

    /** Where flushes run once {@link #start} was called; until then, on the writer's thread. */
    private volatile ScheduledExecutorService scheduler;
    /** A flush is waiting on the scheduler: writes during a long outage must not pile up one task each. */
    private final AtomicBoolean flushRequested = new AtomicBoolean();

    private ScheduledFuture<?> periodicFlush;
    private volatile boolean closed;
    /** The unopened collection the last flush stopped at, so the wait is logged once, not every interval. */
    private String waitingFor;

    /** How a flush ended: {@code drained} when it ran until nothing was queued. */
    private record Drain(int applied, boolean drained) {}

    OutboxFlusher(KnowledgeStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Flushes every {@code interval} on {@code scheduler}, and there after each write that joins the queue. */
    synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (this.scheduler != null) {
            throw new IllegalStateException("the outbox at " + outbox.directory() + " is already being flushed");
        }
        long millis = Math.max(1, interval.toMillis());
        this.scheduler = scheduler;
        periodicFlush = scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Flushes now, on this thread, waiting for a flush under way; returns how many writes it wrote. */
    int flush() {
        flushing.lock();
        try {
            return closed ? 0 : drain().applied();
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Stops flushing for good, then runs {@code closing} once no flush runs; only the first call runs it.
     */
    void closeWith(Runnable closing) {
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
            closing.run();
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Whether {@code collection} is open in the store: both stores keep that list in memory, so it
     * answers during an outage.
     */
    static boolean isOpen(KnowledgeStore store, String collection) {
        return store.collections().stream().anyMatch(c -> c.name().equals(collection));
    }

    /** On the scheduler's thread when there is one, so the writer does not wait for the store; else here. */
    void flushSoon() {
        ScheduledExecutorService scheduler = this.scheduler;
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
    void flushQuietly() {
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
                if (!isOpen(store, head.write().collection())) {
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
        if (write instanceof PendingWrite.Upsert upsert) {
            // Called once the collection is open, so its kind, and with it the embedder it holds, is known.
            EmbedderIdentity held = store.embedders().of(store.collection(upsert.collection()));
            if (!upsert.embedder().equals(held)) {
                return Optional.of("its vectors are from " + upsert.embedder() + " but the collection holds " + held);
            }
        }
        return Optional.empty();
    }

    private void logWait(String collection) {
        if (!collection.equals(waitingFor)) {
            waitingFor = collection;
            LOG.warn("{} queued writes wait for collection '{}' to be opened", outbox.pending(), collection);
        }
    }
}
