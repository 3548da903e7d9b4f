package dev.knowledgerouter.eval;

/**
 * What {@code kr bench scale} measured for one vector format at one size: search latency and recall@k
 * against exact search, as the store searches (over-fetched candidates in the format's own order) and with
 * the candidates ranked again by their raw floats; then the JVM's memory after the searches.
 */
public record ScaleBenchResult(
        long entries,
        String format,
        int queries,
        int k,
        int candidates,
        double fillSeconds,
        double searchP50Ms,
        double searchP99Ms,
        double recall,
        double rescoredP50Ms,
        double rescoredP99Ms,
        double rescoredRecall,
        long heapUsedMb,
        long heapMaxMb,
        long rssMb,
        long rssAnonMb,
        long rssFileMb,
        long indexMb,
        int cores) {}
