package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.Judgement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the answer checks made of an interaction's local answer, as stored with it under {@code checks}:
 * the score (P(answer is bad)), the threshold it was held to, whether that made it doubtful, the failed
 * checks in words and every feature they measured. The verifier is re-fitted from these features and
 * the outcome users gave the answer. {@code checkMs} is what checking the answer cost.
 */
public record CheckSummary(
        double score,
        double threshold,
        boolean doubtful,
        List<String> reasons,
        Map<String, Double> features,
        double checkMs) {
    /** The payload key the summary is stored under. */
    public static final String KEY = "checks";

    public CheckSummary {
        reasons = List.copyOf(reasons);
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** The summary of a judgement that ran the checks; empty for one that did not. */
    public static Optional<CheckSummary> of(Judgement j) {
        if (!j.checked()) {
            return Optional.empty();
        }
        return Optional.of(new CheckSummary(
                round(j.score()),
                j.threshold(),
                j instanceof Judgement.Doubtful,
                j.reasons(),
                j.features(),
                Math.round(j.checkMs() * 1000) / 1000.0));
    }

    /** A summary as {@link InteractionLog} stored it; empty when the payload holds none (or an unreadable one). */
    public static Optional<CheckSummary> in(Map<String, Object> payload) {
        if (!(payload.get(KEY) instanceof Map<?, ?> m)
                || !(m.get("score") instanceof Number score)
                || !(m.get("features") instanceof Map<?, ?> stored)) {
            return Optional.empty();
        }
        Map<String, Double> features = new LinkedHashMap<>();
        stored.forEach((k, v) -> {
            if (v instanceof Number n) {
                features.put(String.valueOf(k), n.doubleValue());
            }
        });
        List<String> reasons = m.get("reasons") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of();
        double threshold = m.get("threshold") instanceof Number t ? t.doubleValue() : Double.NaN;
        double ms = m.get("check_ms") instanceof Number n ? n.doubleValue() : Double.NaN;
        return Optional.of(new CheckSummary(
                score.doubleValue(), threshold, Boolean.TRUE.equals(m.get("doubtful")), reasons, features, ms));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
