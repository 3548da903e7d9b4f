package dev.knowledgerouter.answer;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the calls to one model host: at most {@code maxConcurrent} run, at most {@code maxQueued}
 * wait, and the rest are refused at once with {@link BusyException}, so a saturated local model
 * answers "busy, retry later" instead of piling up unbounded latency.
 */
public final class ConcurrencyGate {
    private final String host;
    private final Semaphore running;
    private final int maxConcurrent;
    private final int maxQueued;
    private final AtomicInteger waiting = new AtomicInteger();

    public ConcurrencyGate(String host, int maxConcurrent, int maxQueued) {
        if (maxConcurrent < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("need at least one concurrent call and a non-negative queue");
        }
        this.host = host;
        this.running = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
    }

    public <T> T run(Supplier<T> call) {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                throw new BusyException(host);
            }
            try {
                running.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BusyException(host);
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            return call.get();
        } finally {
            running.release();
        }
    }

    /** A model call, which may fail with the checked {@link ModelUnavailableException}. */
    @FunctionalInterface
    public interface ModelCallBody {
        ModelReply call() throws ModelUnavailableException;
    }

    /** Runs a model call under this gate, its checked failure passed through as thrown. */
    public ModelReply call(ModelCallBody body) throws ModelUnavailableException {
        try {
            return run(() -> {
                try {
                    return body.call();
                } catch (ModelUnavailableException e) {
                    throw new Unavailable(e);
                }
            });
        } catch (Unavailable u) {
            throw u.cause;
        }
    }

    /** Carries the checked failure through {@link #run}'s Supplier. */
    private static final class Unavailable extends RuntimeException {
        final ModelUnavailableException cause;

        Unavailable(ModelUnavailableException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    /** Calls holding a slot right now. */
    public int running() {
        return maxConcurrent - running.availablePermits();
    }

    /** Calls waiting for a slot right now. */
    public int queued() {
        return waiting.get();
    }

    /** The host's calls and queue are full. */
    public static final class BusyException extends RuntimeException {
        public BusyException(String host) {
            super("the local model at " + host
                    + " is busy (all slots and the queue are taken); retry in a few seconds");
        }
    }
}
