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
        List<Recommendation> recommended) {

    public record Distribution(int n, double p10, double p50, double p90, double min, double max) {}

    /** Of the queries scoring above {@code threshold}: how many are right (precision), and what share of the right ones pass (recall). */
    public record Point(double threshold, int above, double precision, double recall) {}

    public record Recommendation(double targetPrecision, double threshold, double precision, double recall) {}
}
