package dev.knowledgerouter.verify;

import java.util.HashMap;
import java.util.Map;

/**
 * Per routing profile, the verifier score (P(answer is bad)) at or above which a local answer is
 * escalated. Plain data: the answer chain reads {@link #forProfile}, configuration may replace any
 * entry. The shipped values: {@code default} escalates when a bad answer is more likely than not;
 * {@code critical} already at 0.30, paying for Claude more readily where a wrong answer costs more;
 * {@code casual} only at 0.70. docs/answering.md gives the share each escalates on the offline data.
 */
public record EscalationThresholds(Map<String, Double> byProfile, double otherwise) {
    static final String CRITICAL = "critical";
    public static final EscalationThresholds DEFAULTS =
            new EscalationThresholds(Map.of("default", 0.5, CRITICAL, 0.3, "casual", 0.7), 0.5);

    public EscalationThresholds {
        byProfile = Map.copyOf(byProfile);
        for (Map.Entry<String, Double> e : byProfile.entrySet()) {
            if (e.getValue() <= 0 || e.getValue() > 1) {
                throw new IllegalArgumentException(
                        "escalation threshold of profile '" + e.getKey() + "' must be in (0, 1], got " + e.getValue());
            }
        }
    }

    public double forProfile(String profile) {
        return byProfile.getOrDefault(profile, otherwise);
    }

    /** The threshold a local answer is held to: its profile's, or {@code critical}'s when that is lower and the task is critical. */
    public double forAnswer(String profile, boolean critical) {
        double own = forProfile(profile);
        return critical ? Math.min(own, forProfile(CRITICAL)) : own;
    }

    /** These thresholds with some profiles' replaced (from configuration). */
    public EscalationThresholds with(Map<String, Double> overrides) {
        Map<String, Double> merged = new HashMap<>(byProfile);
        merged.putAll(overrides);
        return new EscalationThresholds(merged, otherwise);
    }
}
