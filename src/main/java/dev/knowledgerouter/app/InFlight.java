package dev.knowledgerouter.app;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Counts the requests under way so that shutdown waits for them: a query that has already paid for
 * a model answer must still reach the store before it closes.
 */
public final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private boolean closing;

    /** Runs {@code work} unless shutdown has begun, in which case it fails with {@link ShuttingDownException}. */
    public <T> T run(Supplier<T> work) {
        lock.lock();
        try {
            if (closing) {
                throw new ShuttingDownException();
            }
            running++;
        } finally {
            lock.unlock();
        }
        try {
            return work.get();
        } finally {
            lock.lock();
            try {
                if (--running == 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Refuses new work and waits up to {@code timeout} for the running work; returns how many are still running. */
    public int drain(Duration timeout) {
        lock.lock();
        try {
            closing = true;
            long nanos = timeout.toNanos();
            while (running > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** True once shutdown has begun: new work is refused, so the server is no longer ready for any. */
    public boolean draining() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /** Thrown for work submitted after shutdown began. */
    public static final class ShuttingDownException extends RuntimeException {
        public ShuttingDownException() {
            super("the server is shutting down; retry against the next instance");
        }
    }
}
