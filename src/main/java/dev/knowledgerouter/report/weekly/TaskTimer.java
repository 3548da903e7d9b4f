package dev.knowledgerouter.report.weekly;

import java.time.Instant;

/**
 * Runs a task when the clock reaches a time. Injected so that tests move a clock and run what is due,
 * instead of waiting a week; {@link ExecutorTaskTimer} is the one that waits.
 */
public interface TaskTimer extends AutoCloseable {
    /** Runs {@code task} once, at {@code when} or as soon as possible after it (at once when it is past). */
    void at(Instant when, Runnable task);

    /** Drops what has not run yet and stops; a task under way is left to finish. */
    @Override
    void close();
}
