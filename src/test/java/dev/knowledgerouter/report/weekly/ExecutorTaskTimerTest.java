package dev.knowledgerouter.report.weekly;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExecutorTaskTimerTest {
    static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    @Test
    void aTaskWhoseTimeHasComeRunsOnTheTimersThread() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        ExecutorTaskTimer timer = new ExecutorTaskTimer(clock, "kr-test-timer");
        CountDownLatch ran = new CountDownLatch(1);
        String[] thread = new String[1];
        timer.at(NOW.minus(Duration.ofHours(1)), () -> {
            thread[0] = Thread.currentThread().getName();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS), "a missed time runs at once");
        assertEquals("kr-test-timer", thread[0]);
        timer.close();
    }

    @Test
    void aTaskGivenToAClosedTimerIsDroppedWithoutAnError() {
        ExecutorTaskTimer timer = new ExecutorTaskTimer(new MutableClock(NOW), "kr-test-timer");
        timer.close();
        assertDoesNotThrow(() -> timer.at(NOW, () -> {
            throw new AssertionError("ran after close");
        }));
    }

    @Test
    void closingLeavesATaskUnderWayToFinishUninterrupted() throws Exception {
        // An interrupt inside a Lucene write closes the index's file channels, so a run must never get one.
        ExecutorTaskTimer timer = new ExecutorTaskTimer(new MutableClock(NOW), "kr-test-timer");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        timer.at(NOW, () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            finished.countDown();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the task started");
        timer.close();
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS), "the task finished after close");
        assertFalse(interrupted.get(), "close interrupted the task under way");
    }

    @Test
    void aTimeReachedByAClockJumpIsNoticedAtTheNextLookAtTheClock() throws Exception {
        // A suspended laptop wakes with its clock a week on: the task runs then, not a week late.
        MutableClock clock = new MutableClock(NOW);
        ExecutorTaskTimer timer = new ExecutorTaskTimer(clock, "kr-test-timer", Duration.ofMillis(20));
        CountDownLatch ran = new CountDownLatch(1);
        timer.at(NOW.plus(Duration.ofDays(7)), ran::countDown);
        assertEquals(1, ran.getCount(), "not before its time");
        clock.advance(Duration.ofDays(7));
        assertTrue(ran.await(10, TimeUnit.SECONDS), "run once the clock says its time has come");
        timer.close();
    }
}
