package dev.knowledgerouter.verify;

import java.util.List;

/**
 * The verifier's judgement of one answer: {@code score} is P(answer is bad) in [0, 1], {@code results}
 * every check's result (failed or not), {@code features} the vector the score was computed from.
 */
public record Verdict(double score, List<CheckResult> results, FeatureVector features) {
    public Verdict {
        results = List.copyOf(results);
    }

    /** The checks that found a problem, with their reasons. */
    public List<CheckResult> failed() {
        return results.stream().filter(CheckResult::failed).toList();
    }

    /** The failed checks as {@code "check: reason"}, for notes, prompts and logs. */
    public List<String> reasons() {
        return failed().stream().map(r -> r.check() + ": " + r.reason()).toList();
    }

    /** Whether the answer should be escalated at this threshold (from {@link EscalationThresholds}). */
    public boolean escalates(double threshold) {
        return score >= threshold;
    }
}
