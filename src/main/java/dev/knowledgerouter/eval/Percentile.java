package dev.knowledgerouter.eval;

/** The nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
public final class Percentile {
    private Percentile() {}

    /** @param sorted values in ascending order, not empty */
    public static double nearestRank(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
