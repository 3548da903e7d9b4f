package dev.knowledgerouter.report.weekly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TaskTimer} on one daemon thread. It never sleeps more than {@link #LONGEST_WAIT} at a time
 * and asks the clock again when it wakes: a week-long delay computed once would run late after the
 * machine slept or its clock was corrected, and this way a task runs at most that long after its time.
 */
public final class ExecutorTaskTimer implements TaskTimer {
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final Clock clock;
    private final Duration longestWait;
    private final ScheduledExecutorService executor;

    public ExecutorTaskTimer(Clock clock, String threadName) {
        this(clock, threadName, LONGEST_WAIT);
    }

    /** With a shorter {@code longestWait}, so that a test sees a clock jump picked up without waiting long. */
    ExecutorTaskTimer(Clock clock, String threadName, Duration longestWait) {
        this.clock = clock;
        this.longestWait = longestWait;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name(threadName).factory());
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    @Override
    public void at(Instant when, Runnable task) {
        Duration left = Duration.between(clock.instant(), when);
        try {
            if (left.isNegative() || left.isZero()) {
                executor.execute(task);
                return;
            }
            long millis = Math.min(left.toMillis(), longestWait.toMillis());
            executor.schedule(() -> at(when, task), Math.max(1, millis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the server is stopping, and the next start makes up a run it missed.
        }
    }

    /**
     * Drops the waiting tasks without interrupting one under way: an interrupt inside a store write
     * closes Lucene's file channels under it. A run under way finishes as work in flight does.
     */
    @Override
    public void close() {
        executor.shutdown();
    }
}
