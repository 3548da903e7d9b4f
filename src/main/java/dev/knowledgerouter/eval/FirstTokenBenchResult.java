package dev.knowledgerouter.eval;

/**
 * What {@code kr bench first-token} measured over {@code requests} paired requests, in milliseconds: the time
 * to the first token read straight from the wire server, the same through the router, and the router's
 * overhead per pair (router minus direct, measured back to back on the same query); and, to show where that
 * overhead goes, the time to the router's first chunk, which it sends once the route is decided and before
 * it calls the model.
 */
public record FirstTokenBenchResult(
        int requests,
        int warmUp,
        long firstTokenDelayMs,
        int cores,
        Latency direct,
        Latency router,
        Latency overhead,
        Latency routeDecided) {
    /** Nearest-rank percentiles of one series, in milliseconds with microsecond precision. */
    public record Latency(double p50Ms, double p95Ms, double p99Ms, double maxMs) {}
}
