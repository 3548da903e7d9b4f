package dev.knowledgerouter.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health report that requests read. Probing every part (the store's counts, the Ollama host's model
 * list, the cost guard's ledger) takes milliseconds when all is well and up to a connection timeout when a
 * host is gone, which a probe of orchestrators, load balancers and the dashboard must not wait for. So a
 * request reads the last probe's result, a background thread probes again once that result is older than
 * the interval (by the App's clock), and a caller may ask for a fresh one.
 */
public final class HealthMonitor implements AutoCloseable {
    /** How old a report may get before the background thread probes again. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    /** How often the background thread looks at the report's age. */
    private static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    /** A report and when its probe ran. */
    public record Checked(HealthCheck.Report report, Instant at) {}

    private final Supplier<HealthCheck.Report> probe;
    private final Clock clock;
    private final Duration interval;
    private final Object probing = new Object();
    private volatile Checked last;
    private volatile long probes;
    private ScheduledExecutorService refresher;

    public HealthMonitor(Supplier<HealthCheck.Report> probe, Clock clock, Duration interval) {
        this.probe = probe;
        this.clock = clock;
        this.interval = interval;
    }

    /** The last probe's result; probes first only when nothing was probed yet. */
    public Checked current() {
        Checked checked = last;
        return checked != null ? checked : refresh();
    }

    /**
     * Probes now. Callers that ask while a probe runs wait for it and take its result rather than
     * starting one each, so a burst of requests for a fresh report costs one probe at a time.
     */
    public Checked refresh() {
        long seen = probes;
        synchronized (probing) {
            if (probes != seen) {
                return last;
            }
            Checked fresh = new Checked(probe.get(), clock.instant());
            last = fresh;
            probes++;
            return fresh;
        }
    }

    /** Starts the background thread that keeps the report at most {@link #INTERVAL} old; once is enough. */
    public synchronized void keepFresh() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("kr-health").factory());
        refresher.scheduleWithFixedDelay(this::refreshIfStale, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshIfStale() {
        try {
            Checked checked = last;
            if (checked == null || !clock.instant().isBefore(checked.at().plus(interval))) {
                refresh();
            }
        } catch (RuntimeException e) {
            // A failing probe must not end the thread: the next tick tries again.
            LOG.warn("health probe failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
