package dev.knowledgerouter.eval;

/**
 * What {@code kr bench route} measured: the route decision (embed + search every knowledge
 * collection + decide, no model call) and the bare query embedding, in milliseconds, and their ratio.
 */
public record RouteBenchResult(
        long entries,
        int queries,
        double p50Ms,
        double p99Ms,
        double embedP50Ms,
        double embedP99Ms,
        double searchP50Ms,
        double searchP99Ms,
        double overheadRatio,
        double fillSeconds,
        int cores) {}
