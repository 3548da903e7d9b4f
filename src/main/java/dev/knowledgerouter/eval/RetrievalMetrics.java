package dev.knowledgerouter.eval;

import java.util.List;
import java.util.Map;

/**
 * The standard ranking metrics as BEIR and MTEB compute them, for one query: graded relevance from
 * the qrels, binary relevance (grade > 0) for recall and reciprocal rank.
 */
public final class RetrievalMetrics {
    private RetrievalMetrics() {}

    /** nDCG@k with linear gains (rel / log2(rank + 1)), normalised by the ideal ordering of the judged documents. */
    public static double ndcg(List<String> ranked, Map<String, Integer> judgements, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int rel = judgements.getOrDefault(ranked.get(i), 0);
            dcg += rel / log2(i + 2);
        }
        List<Integer> ideal = judgements.values().stream()
                .filter(r -> r > 0)
                .sorted((a, b) -> b - a)
                .toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant documents found in the top k. */
    public static double recall(List<String> ranked, Map<String, Integer> judgements, int k) {
        long relevant = judgements.values().stream().filter(r -> r > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream()
                .limit(k)
                .filter(id -> judgements.getOrDefault(id, 0) > 0)
                .count();
        return (double) found / relevant;
    }

    /** 1 / rank of the first relevant document within the top k, 0 when none is there. */
    public static double mrr(List<String> ranked, Map<String, Integer> judgements, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (judgements.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
