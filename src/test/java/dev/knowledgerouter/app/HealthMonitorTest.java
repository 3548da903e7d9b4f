package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.knowledgerouter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Requests read the last probe's report; probes run when it is missing, stale or asked for, one at a time. */
class HealthMonitorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger probes = new AtomicInteger();

    private HealthCheck.Report probe() {
        probes.incrementAndGet();
        HealthCheck.Part up = new HealthCheck.Part(true, "up", Map.of());
        return HealthCheck.Report.of(up, up, up, up);
    }

    @Test
    void theFirstReadProbesAndLaterReadsAnswerFromThatProbe() {
        HealthMonitor monitor = new HealthMonitor(this::probe, clock, HealthMonitor.INTERVAL);
        HealthMonitor.Checked first = monitor.current();
        clock.advance(Duration.ofMinutes(10));

        assertSame(first, monitor.current());
        assertEquals(1, probes.get());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), first.at());
    }

    @Test
    void aRefreshProbesAgain() {
        HealthMonitor monitor = new HealthMonitor(this::probe, clock, HealthMonitor.INTERVAL);
        monitor.current();
        clock.advance(Duration.ofSeconds(1));

        HealthMonitor.Checked fresh = monitor.refresh();

        assertEquals(2, probes.get());
        assertEquals(Instant.parse("2026-12-01T10:00:01Z"), fresh.at());
        assertSame(fresh, monitor.current());
    }

    @Test
    void refreshesAskedWhileAProbeRunsShareItsResult() throws Exception {
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<HealthCheck.Report> slow = () -> {
            probing.countDown();
            await(release);
            return probe();
        };
        HealthMonitor monitor = new HealthMonitor(slow, clock, HealthMonitor.INTERVAL);
        List<HealthMonitor.Checked> results = new CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        callers.add(Thread.ofPlatform().start(() -> results.add(monitor.refresh())));
        probing.await();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofPlatform().start(() -> results.add(monitor.refresh())));
        }
        // The four wait for the running probe, blocked on it, before it is let finish.
        for (Thread t : callers.subList(1, callers.size())) {
            while (t.getState() != Thread.State.BLOCKED) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        for (Thread t : callers) {
            t.join();
        }

        assertEquals(1, probes.get());
        assertEquals(5, results.stream().filter(r -> r == results.getFirst()).count());
    }

    @Test
    void theBackgroundThreadProbesOnceTheReportIsOlderThanTheInterval() throws Exception {
        try (HealthMonitor monitor = new HealthMonitor(this::probe, clock, HealthMonitor.INTERVAL)) {
            monitor.keepFresh();
            awaitProbes(1);
            clock.advance(HealthMonitor.INTERVAL.minusSeconds(1));
            HealthMonitor.Checked young = monitor.current();
            clock.advance(Duration.ofSeconds(1));

            awaitProbes(2);
            assertEquals(
                    Instant.parse("2026-12-01T10:00:05Z"), monitor.current().at());
            assertEquals(Instant.parse("2026-12-01T10:00:00Z"), young.at());
        }
    }

    /** The background thread runs on its own schedule; this waits for its probe, up to a minute. */
    private void awaitProbes(int count) throws InterruptedException {
        for (int i = 0; i < 6000 && probes.get() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, probes.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
