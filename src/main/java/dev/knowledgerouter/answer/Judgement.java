package dev.knowledgerouter.answer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a judge made of a local answer: {@link Trusted} (release it) or {@link Doubtful} (escalate it,
 * or release it as {@code unverified} when nothing better can answer). Both carry the score (P(answer
 * is bad)), the threshold it was held to, the failed checks in words and the features they measured,
 * so that every interaction stores them for the learning loop.
 */
public sealed interface Judgement {
    /** P(answer is bad), in [0, 1]; NaN when the answer was not checked. */
    double score();

    /** The score at or above which an answer is doubtful; NaN when the answer was not checked. */
    double threshold();

    /** The checks that found a problem, as {@code check: reason}; some may fail on a trusted answer. */
    List<String> reasons();

    /** Every feature the checks measured, by name. */
    Map<String, Double> features();

    /** How long the checks and the score took, in milliseconds (0 when nothing was checked). */
    double checkMs();

    /** Whether the checks ran at all ({@link AnswerJudge#TRUSTING} runs none). */
    default boolean checked() {
        return !Double.isNaN(score());
    }

    static Judgement unchecked() {
        return new Trusted(Double.NaN, Double.NaN, List.of(), Map.of(), 0);
    }

    record Trusted(double score, double threshold, List<String> reasons, Map<String, Double> features, double checkMs)
            implements Judgement {
        public Trusted {
            reasons = List.copyOf(reasons);
            features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        }
    }

    record Doubtful(double score, double threshold, List<String> reasons, Map<String, Double> features, double checkMs)
            implements Judgement {
        public Doubtful {
            reasons = List.copyOf(reasons);
            features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        }
    }
}
