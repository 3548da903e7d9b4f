package dev.knowledgerouter.config;

/**
 * How routing learns from history: the {@code k} stored interactions nearest a new query with at
 * least {@code minSimilarity} cosine are its neighbours; with at least {@code minEvidence} of them
 * showing how the local route did, a chance of local success below {@code failBelow} sends the query
 * straight to Claude, and one at or above {@code succeedAbove} keeps it local below the relevance bar.
 */
public record LearningSettings(int k, double minSimilarity, int minEvidence, double failBelow, double succeedAbove) {
    public static LearningSettings defaults() {
        return new LearningSettings(10, 0.85, 3, 0.3, 0.8);
    }

    public LearningSettings {
        if (k < 1 || k > 100 || minEvidence < 1 || failBelow < 0 || succeedAbove > 1 || failBelow >= succeedAbove) {
            throw new ConfigException("learning: need 1 <= k <= 100, min_evidence >= 1 and 0 <= fail_below < succeed_above <= 1");
        }
    }
}
