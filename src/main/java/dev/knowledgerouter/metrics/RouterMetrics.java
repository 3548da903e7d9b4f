package dev.knowledgerouter.metrics;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.QueryEmbeddingCache;
import dev.knowledgerouter.verify.CheckingJudge;
import dev.knowledgerouter.verify.GraderCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The router's one meter registry. It is created with the {@link dev.knowledgerouter.app.App} and
 * handed to whatever records, so tests and several Apps in one JVM never share counts (a global
 * registry would).
 */
public final class RouterMetrics implements AutoCloseable {
    /** Prometheus' text exposition format, the one every scraper reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Listens to GC notifications until closed. */
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    public RouterMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Calls running on and waiting for the model host behind {@code gate}, read at scrape time. */
    public void watch(ConcurrencyGate gate) {
        gateGauge(gate, "running", ConcurrencyGate::running);
        gateGauge(gate, "waiting", ConcurrencyGate::queued);
    }

    private void gateGauge(ConcurrencyGate gate, String state, ToDoubleFunction<ConcurrencyGate> value) {
        Gauge.builder("kr.ollama.gate.calls", gate, value)
                .strongReference(true)
                .description("Calls to the Ollama host holding a slot (running) or queued for one (waiting)")
                .tag("state", state)
                .register(registry);
    }

    /** Entries per collection (and the outbox backlog), brought up to date before each scrape. */
    public void watch(KnowledgeStore store) {
        StoreGauges gauges = new StoreGauges(registry, store);
        beforeScrape.add(gauges::refresh);
    }

    /**
     * What the optional grading pass of the answer checks has cost, read at scrape time: its calls, the
     * grades it could not get, and the seconds spent. Nothing is registered while the pass is off.
     */
    public void watch(CheckingJudge judge) {
        if (judge.graderStats().isEmpty()) {
            return;
        }
        graderCounter(judge, "kr.verify.grader.calls", "Grading calls to the local model", GraderCheck.Stats::calls);
        graderCounter(
                judge,
                "kr.verify.grader.unknown",
                "Grading calls that gave no yes or no (the model unreachable, or no grade in its reply)",
                GraderCheck.Stats::unknown);
        FunctionCounter.builder(
                        "kr.verify.grader.seconds",
                        judge,
                        j -> j.graderStats().map(GraderCheck.Stats::millis).orElse(0L) / 1000.0)
                .description("Time spent grading local answers")
                .baseUnit("seconds")
                .register(registry);
    }

    private void graderCounter(
            CheckingJudge judge, String name, String description, ToLongFunction<GraderCheck.Stats> value) {
        FunctionCounter.builder(
                        name,
                        judge,
                        j -> j.graderStats().map(value::applyAsLong).orElse(0L))
                .description(description)
                .register(registry);
    }

    /**
     * Query embeddings served from the in-memory cache and computed by the model, read at scrape time: a
     * cache that is too small for the questions asked shows as a low share of {@code source="cache"}.
     */
    public void watch(QueryEmbeddingCache cache) {
        FunctionCounter.builder("kr.query.embeddings", cache, c -> c.counts().hits())
                .description("Query texts embedded, by where the vector came from")
                .tag("source", "cache")
                .register(registry);
        FunctionCounter.builder("kr.query.embeddings", cache, c -> c.counts().misses())
                .description("Query texts embedded, by where the vector came from")
                .tag("source", "model")
                .register(registry);
    }

    /** The query embedding cache of the code embedder, when code has its own (see {@code code.embedder}). */
    public void watchCode(QueryEmbeddingCache cache) {
        FunctionCounter.builder(
                        "kr.code.query.embeddings", cache, c -> c.counts().hits())
                .description("Query texts embedded for code search, by where the vector came from")
                .tag("source", "cache")
                .register(registry);
        FunctionCounter.builder(
                        "kr.code.query.embeddings", cache, c -> c.counts().misses())
                .description("Query texts embedded for code search, by where the vector came from")
                .tag("source", "model")
                .register(registry);
    }

    /** The registry in the Prometheus text format. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
