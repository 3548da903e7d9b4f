package dev.knowledgerouter.testing;

import dev.knowledgerouter.report.weekly.TaskTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TaskTimer} that runs nothing by itself: a test moves its clock and calls {@link #runDue},
 * which runs, in time order on the test's thread, every task whose time has come (including tasks
 * that those tasks arm, when they are due too).
 */
public final class ManualTimer implements TaskTimer {
    private record Task(Instant when, Runnable task) {}

    private final List<Task> pending = new ArrayList<>();
    private boolean closed;

    @Override
    public synchronized void at(Instant when, Runnable task) {
        if (!closed) {
            pending.add(new Task(when, task));
        }
    }

    /** Runs what is due at {@code now}; returns how many tasks ran. */
    public int runDue(Instant now) {
        int ran = 0;
        while (true) {
            Optional<Task> next;
            synchronized (this) {
                next = pending.stream().filter(t -> !t.when().isAfter(now)).min(Comparator.comparing(Task::when));
                next.ifPresent(pending::remove);
            }
            if (next.isEmpty()) {
                return ran;
            }
            next.get().task().run();
            ran++;
        }
    }

    /** When the tasks still waiting are due, earliest first. */
    public synchronized List<Instant> pending() {
        return pending.stream().map(Task::when).sorted().toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
    }
}
