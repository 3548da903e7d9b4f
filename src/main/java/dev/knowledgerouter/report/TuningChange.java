package dev.knowledgerouter.report;

import dev.knowledgerouter.config.LocalRule;
import java.time.Instant;
import java.util.List;

/**
 * One change of a profile's thresholds, as the tuning log keeps it: when, by whom, the rules before
 * and after, what the change rested on, and where kr.yaml and its backup are.
 *
 * @param action {@code apply} (tuned rules written) or {@code revert} (the rules before an earlier change restored)
 * @param source what made the change: {@code schedule} (auto-apply), {@code kr report --apply} or
 *     {@code kr report --revert}
 * @param week the ISO week of the report the change came from; null for a revert
 * @param sample interactions with a known local outcome the recommendation rests on; null for a revert
 * @param predicted what replaying the period under the new rules gave; null for a revert
 * @param reverts for a revert, the time of the change it undid
 */
public record TuningChange(
        Instant at,
        String action,
        String source,
        String week,
        String profile,
        List<LocalRule> before,
        List<LocalRule> after,
        Integer sample,
        Prediction predicted,
        String config,
        String backup,
        Instant reverts) {
    public static final String APPLY = "apply";
    public static final String REVERT = "revert";

    /**
     * The replay of the period the change was tuned on: the local share and local success rate under
     * the rules before it and under the new ones, over {@code interactions} interactions.
     */
    public record Prediction(
            double localShareBefore,
            Double successRateBefore,
            double localShare,
            Double successRate,
            int interactions) {}
}
