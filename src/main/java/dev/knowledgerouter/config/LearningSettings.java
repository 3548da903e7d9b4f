package dev.knowledgerouter.config;

import java.time.Duration;

/**
 * How routing learns from history: the {@code k} stored interactions nearest a new query with at
 * least {@code minSimilarity} cosine are its neighbours; with at least {@code minEvidence} of them
 * showing how the local route did, a chance of local success below {@code failBelow} sends the query
 * straight to Claude, and one at or above {@code succeedAbove} keeps it local below the relevance bar.
 * The weekly report tunes the profile's thresholds to keep the local success rate at or above
 * {@code targetSuccessRate}, and applies them only from at least {@code minTuningSample}
 * interactions whose local outcome is known. It re-fits the answer verifier from at least
 * {@code minRefitSample} local answers whose quality users' verdicts settled. The history search of a decision
 * sees every interaction stored at least {@code historyStaleness} before it (zero: every one stored before
 * it), which lets the store make new interactions searchable once per allowance instead of once per query.
 */
public record LearningSettings(
        int k,
        double minSimilarity,
        int minEvidence,
        double failBelow,
        double succeedAbove,
        double targetSuccessRate,
        int minTuningSample,
        int minRefitSample,
        Duration historyStaleness) {
    public static final int DEFAULT_MIN_REFIT_SAMPLE = 50;
    /**
     * Far below the seconds between a person's questions, and at a few hundred queries a second it makes the
     * store refresh its interaction searchers ten times a second instead of after every group commit.
     */
    public static final Duration DEFAULT_HISTORY_STALENESS = Duration.ofMillis(100);

    public static final Duration MAX_HISTORY_STALENESS = Duration.ofSeconds(60);

    public static LearningSettings defaults() {
        return new LearningSettings(
                10, 0.85, 3, 0.3, 0.8, 0.9, 100, DEFAULT_MIN_REFIT_SAMPLE, DEFAULT_HISTORY_STALENESS);
    }

    public LearningSettings(
            int k,
            double minSimilarity,
            int minEvidence,
            double failBelow,
            double succeedAbove,
            double targetSuccessRate,
            int minTuningSample) {
        this(
                k,
                minSimilarity,
                minEvidence,
                failBelow,
                succeedAbove,
                targetSuccessRate,
                minTuningSample,
                DEFAULT_MIN_REFIT_SAMPLE,
                DEFAULT_HISTORY_STALENESS);
    }

    public LearningSettings {
        if (k < 1 || k > 100 || minEvidence < 1 || failBelow < 0 || succeedAbove > 1 || failBelow >= succeedAbove) {
            throw new ConfigException(
                    "learning: need 1 <= k <= 100, min_evidence >= 1 and 0 <= fail_below < succeed_above <= 1");
        }
        if (targetSuccessRate <= 0 || targetSuccessRate > 1) {
            throw new ConfigException(
                    "learning.target_success_rate is a share between 0 and 1 (e.g. 0.9), got " + targetSuccessRate);
        }
        if (minTuningSample < 1) {
            throw new ConfigException("learning.min_tuning_sample must be at least 1, got " + minTuningSample);
        }
        if (minRefitSample < 1) {
            throw new ConfigException("learning.min_refit_sample must be at least 1, got " + minRefitSample);
        }
        if (historyStaleness.isNegative() || historyStaleness.compareTo(MAX_HISTORY_STALENESS) > 0) {
            throw new ConfigException("learning.history_staleness_ms must be between 0 and "
                    + MAX_HISTORY_STALENESS.toMillis() + ", got " + historyStaleness.toMillis());
        }
    }

    public LearningSettings withHistoryStaleness(Duration allowance) {
        return new LearningSettings(
                k,
                minSimilarity,
                minEvidence,
                failBelow,
                succeedAbove,
                targetSuccessRate,
                minTuningSample,
                minRefitSample,
                allowance);
    }
}
