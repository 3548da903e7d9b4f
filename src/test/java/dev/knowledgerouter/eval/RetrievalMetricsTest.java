package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics on cases small enough to compute by hand. */
class RetrievalMetricsTest {
    static final double EPS = 1e-9;

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void ndcgOfAPerfectRankingIsOne() {
        assertEquals(1.0, RetrievalMetrics.ndcg(List.of("a", "b", "x"), Map.of("a", 1, "b", 1), 10), EPS);
    }

    @Test
    void ndcgDiscountsARelevantDocumentByItsRank() {
        // One relevant document at rank 2: DCG = 1/log2(3); IDCG = 1/log2(2) = 1.
        assertEquals(1 / log2(3), RetrievalMetrics.ndcg(List.of("x", "a"), Map.of("a", 1), 10), EPS);
    }

    @Test
    void ndcgUsesGradedRelevanceAndTheIdealOrder() {
        // Ranked: b(1), a(2). DCG = 1/1 + 2/log2(3). Ideal: a(2), b(1): 2/1 + 1/log2(3).
        double expected = (1 + 2 / log2(3)) / (2 + 1 / log2(3));
        assertEquals(expected, RetrievalMetrics.ndcg(List.of("b", "a"), Map.of("a", 2, "b", 1), 10), EPS);
    }

    @Test
    void ndcgIgnoresDocumentsPastK() {
        assertEquals(0.0, RetrievalMetrics.ndcg(List.of("x", "y", "a"), Map.of("a", 1), 2), EPS);
    }

    @Test
    void recallCountsRelevantDocumentsFoundInTheTopK() {
        assertEquals(0.5, RetrievalMetrics.recall(List.of("a", "x", "y"), Map.of("a", 1, "b", 1), 3), EPS);
        assertEquals(1.0, RetrievalMetrics.recall(List.of("a", "x", "b"), Map.of("a", 1, "b", 1), 3), EPS);
        assertEquals(0.5, RetrievalMetrics.recall(List.of("a", "x", "b"), Map.of("a", 1, "b", 1), 2), EPS);
    }

    @Test
    void mrrIsTheReciprocalRankOfTheFirstRelevantDocument() {
        assertEquals(1.0 / 3, RetrievalMetrics.mrr(List.of("x", "y", "a", "b"), Map.of("a", 1, "b", 1), 10), EPS);
        assertEquals(0.0, RetrievalMetrics.mrr(List.of("x", "y", "a"), Map.of("a", 1), 2), EPS);
    }

    @Test
    void aZeroGradeJudgementCountsAsNotRelevant() {
        assertEquals(0.0, RetrievalMetrics.recall(List.of("a"), Map.of("a", 0), 10), EPS);
        assertEquals(0.0, RetrievalMetrics.ndcg(List.of("a"), Map.of("a", 0), 10), EPS);
    }
}
