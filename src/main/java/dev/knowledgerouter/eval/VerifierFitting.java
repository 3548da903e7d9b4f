package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.verify.AnswerChecks;
import dev.knowledgerouter.verify.FeatureVector;
import dev.knowledgerouter.verify.KnownTerms;
import dev.knowledgerouter.verify.Verifier;
import dev.knowledgerouter.verify.VerifierPriors;
import dev.knowledgerouter.verify.VerifierWeights;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fits the verifier's default weights on every prompt of RouteLLM-layout data with the weak model's
 * answers (the labels: the weak model's correctness), as {@code kr eval fit-verifier} does to
 * produce the shipped {@code verifier-weights.json}.
 */
public final class VerifierFitting {
    /**
     * The L2 penalty of every verifier fit, offline and in the cascade evaluation. Chosen on GSM8K
     * splits with seeds 101-120, not on the reported seeds 1-10 (docs/routing.md).
     */
    public static final double PENALTY = 10.0;

    private final Clock clock;

    public VerifierFitting(Clock clock) {
        this.clock = clock;
    }

    public VerifierWeights fit(List<RouteLlmData.Row> rows, String source, Progress progress) {
        Map<RouteLlmData.Row, FeatureVector> features;
        try (AnswerChecks checks = AnswerChecks.standard(KnownTerms.NONE, Optional.empty())) {
            features = WeakAnswers.features(rows, checks, progress);
        }
        String description =
                "P(answer is bad) from the answer checks' features, fitted by `kr eval fit-verifier` on the"
                        + " weak model's answers, labelled by its correctness. Features too rare in the sample to fit (fewer than "
                        + Verifier.MIN_SUPPORT
                        + " answers) carry hand-set priors; a fitted feature is held to its range.";
        return Verifier.fit(
                        rows.stream().map(features::get).toList(),
                        WeakAnswers.bad(rows),
                        PENALTY,
                        VerifierPriors.defaults(),
                        new Verifier.Provenance(source, LocalDate.now(clock), description))
                .weights();
    }
}
