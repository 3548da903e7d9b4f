package dev.knowledgerouter.app;

import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.metrics.RouterMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the App stops, in the order that keeps the store whole and the native embedder safe: first
 * {@link #drain} (refuse new requests, stop long work at safe points, wait for the rest), then
 * {@link #close} (the store, then the embedder). Each step runs once however often it is called.
 */
final class Shutdown {
    /** Logged under the App's name: the messages are about the App stopping. */
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** What the App closes, in the order it closes them after draining. */
    record Parts(
            HealthMonitor health,
            KnowledgeSearch search,
            KnowledgeStore store,
            Optional<ScheduledExecutorService> outboxFlusher,
            RouterMetrics metrics,
            Optional<Embedders> ownedEmbedders) {}

    private final Duration wait;
    private final StopSignal stop;
    private final InFlight inFlight;
    private final CodeService code;
    private final Parts parts;
    private boolean drained;
    private boolean closed;

    Shutdown(Duration wait, StopSignal stop, InFlight inFlight, CodeService code, Parts parts) {
        this.wait = wait;
        this.stop = stop;
        this.inFlight = inFlight;
        this.code = code;
        this.parts = parts;
    }

    /**
     * Refuses new requests, asks jobs and seeding to stop, and waits, up to {@code wait} in all, for
     * analyses to reach a safe point and for requests and seeding to end.
     */
    synchronized void drain() {
        if (drained) {
            return;
        }
        drained = true;
        long deadline = System.nanoTime() + wait.toNanos();
        stop.request();
        // Refuse new requests now; the running ones are waited for below, within the same deadline.
        inFlight.drain(Duration.ZERO);
        if (!code.stopJobs(remaining(deadline))) {
            LOG.warn(
                    "an analysis had not reached a safe point after {} s; its next run redoes the unfinished part",
                    wait.toSeconds());
        }
        int abandoned = inFlight.drain(remaining(deadline));
        if (abandoned > 0) {
            LOG.warn("closing with {} requests still running after {} s", abandoned, wait.toSeconds());
        }
    }

    /**
     * {@link #drain()}; then the store (Lucene commits; the Qdrant outbox keeps queued writes on disk,
     * forced before they were acknowledged, for the next start to replay); last the embedder, which
     * itself waits for an embedding still under way, so its native session is never freed under one.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drain();
        try {
            parts.health().close();
            parts.search().close();
        } finally {
            try {
                parts.store().close();
            } finally {
                try {
                    parts.outboxFlusher().ifPresent(ScheduledExecutorService::shutdownNow);
                    parts.metrics().close();
                } finally {
                    parts.ownedEmbedders().ifPresent(Embedders::close);
                }
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
