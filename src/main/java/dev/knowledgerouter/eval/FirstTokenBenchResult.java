package dev.knowledgerouter.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code kr bench first-token} measured over {@code requests} paired requests, in milliseconds: the time
 * to the first token read straight from the wire server, the same through the router, and the router's
 * overhead per pair (router minus direct, measured back to back on the same query); and, to show where that
 * overhead goes, the time to the router's first chunk, which it sends once the route is decided and before
 * it calls the model, and that time's phases as the router reported them ({@code Server-Timing}: reading the
 * request, embedding, the routing search, the decision, the model's context). {@code distinctQuestions} says
 * whether every request asked a new question (nothing remembered of a question could help) or the same 20
 * questions came round again.
 */
public record FirstTokenBenchResult(
        int requests,
        int warmUp,
        long firstTokenDelayMs,
        int cores,
        Latency direct,
        Latency router,
        Latency overhead,
        Latency routeDecided,
        boolean distinctQuestions,
        Map<String, Latency> routePhases) {
    public FirstTokenBenchResult {
        routePhases = Collections.unmodifiableMap(new LinkedHashMap<>(routePhases));
    }

    /** Nearest-rank percentiles of one series, in milliseconds with microsecond precision. */
    public record Latency(double p50Ms, double p95Ms, double p99Ms, double maxMs) {}
}
