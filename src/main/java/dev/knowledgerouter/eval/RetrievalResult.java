package dev.knowledgerouter.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One mode's scores on a BEIR data set. For hybrid, {@code fusion} is the fusion chosen by
 * cross-validation and the scores are cross-validated: every query is ranked with the fusion
 * chosen on the other folds; {@code fusionGrid} is the nDCG@10 of every candidate fusion over all
 * queries (for the docs, not for choosing).
 */
public record RetrievalResult(
        String mode,
        @JsonProperty("ndcg_at_10") double ndcgAt10,
        @JsonProperty("recall_at_100") double recallAt100,
        @JsonProperty("mrr_at_10") double mrrAt10,
        int k,
        @JsonProperty("ndcg_at_k") double ndcgAtK,
        @JsonProperty("mrr_at_k") double mrrAtK,
        int queries,
        int corpus,
        double indexSeconds,
        double queryMsP50,
        String fusion,
        Map<String, Double> fusionGrid) {}
