package dev.knowledgerouter.eval;

import java.util.List;

/**
 * How well the best relevance score separates queries the knowledge base answers from those it
 * does not, and the thresholds that reach given precisions.
 *
 * @param hitAt1     share of answerable queries whose top hit is the expected entry
 * @param hitAt5     share whose expected entry is among the top five
 * @param answered   top scores of answerable queries whose top hit is right
 * @param unanswered top scores of queries with no answer stored, or whose top hit is wrong
 * @param curve      precision and recall of "relevance above t" for each threshold t
 * @param recommended the lowest threshold reaching each target precision
 * @param reuse      for reuse bars from 0.85 to 0.95, how often answering with the best hit (by cosine)
 *     would have returned the wrong entry: what direct reuse risks at each bar
 */
public record CalibrationReport(
        String embedder,
        int queries,
        int answerable,
        double hitAt1,
        double hitAt5,
        Distribution answered,
        Distribution unanswered,
        List<Point> curve,
        List<Recommendation> recommended,
        List<ReusePoint> reuse) {

    public record Distribution(int n, double p10, double p50, double p90, double min, double max) {}

    /** Of the queries scoring above {@code threshold}: how many are right (precision), and what share of the right ones pass (recall). */
    public record Point(double threshold, int above, double precision, double recall) {}

    public record Recommendation(double targetPrecision, double threshold, double precision, double recall) {}

    /**
     * Of the queries whose best hit scores at or above {@code bar}: how many would be answered with that
     * entry as it is ({@code reused}), how many of those with the wrong one ({@code wrong}: another entry
     * than the labelled answer, or any entry for a query the knowledge base cannot answer), and which.
     */
    public record ReusePoint(double bar, int reused, int wrong, double wrongRate, List<String> wrongQueries) {}
}
