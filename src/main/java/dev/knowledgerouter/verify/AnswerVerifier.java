package dev.knowledgerouter.verify;

import java.util.List;
import java.util.Optional;

/**
 * The entry point: runs the {@link AnswerChecks} on an answer and scores their features with the
 * {@link Verifier}. The answer chain calls {@link #check} with the question, the retrieved passages,
 * the answer and the model's metadata, and escalates when the verdict's score reaches its profile's
 * {@link EscalationThresholds threshold}; the verdict's {@link Verdict#features()} is what the
 * learning loop stores to refit the weights. Thread-safe; close it to free the native parsers.
 */
public final class AnswerVerifier implements AutoCloseable {
    private final AnswerChecks checks;
    private final Verifier model;

    public AnswerVerifier(AnswerChecks checks, Verifier model) {
        this.checks = checks;
        this.model = model;
    }

    /** The standard checks with the shipped weights, grading pass off. */
    public static AnswerVerifier standard(KnownTerms knowledge) {
        return new AnswerVerifier(AnswerChecks.standard(knowledge, Optional.empty()), Verifier.shipped());
    }

    public Verdict check(AnswerUnderReview review) {
        List<CheckResult> results = checks.run(review);
        FeatureVector features = FeatureVector.of(results);
        return new Verdict(model.score(features), results, features);
    }

    public AnswerChecks checks() {
        return checks;
    }

    public Verifier model() {
        return model;
    }

    /** The same checks with other weights, e.g. refitted from outcomes. */
    public AnswerVerifier withModel(Verifier other) {
        return new AnswerVerifier(checks, other);
    }

    @Override
    public void close() {
        checks.close();
    }
}
