package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fixed list of checks run in order on every answer: the features of a verdict, without a score.
 * Offline fitting uses it alone; {@link AnswerVerifier} adds the model. Close it to free the
 * native parsers of the code check.
 */
public final class AnswerChecks implements AutoCloseable {
    private final List<AnswerCheck> checks;

    public AnswerChecks(List<AnswerCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The standard checks in their fixed order, the grading pass last when there is a grader. */
    public static AnswerChecks standard(KnownTerms knowledge, Optional<AnswerGrader> grader) {
        List<AnswerCheck> checks = new ArrayList<>(List.of(
                new CutOffCheck(),
                new LengthCheck(),
                new RefusalCheck(),
                new SelfCorrectionCheck(),
                new ArithmeticCheck(),
                new QuestionCoverageCheck(),
                new CodeSyntaxCheck(),
                new GroundingCheck(knowledge),
                new QuestionShape()));
        grader.ifPresent(g -> checks.add(new GraderCheck(g)));
        return new AnswerChecks(checks);
    }

    public List<CheckResult> run(AnswerUnderReview review) {
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (AnswerCheck c : checks) {
            results.add(c.check(review));
        }
        return results;
    }

    public FeatureVector features(AnswerUnderReview review) {
        return FeatureVector.of(run(review));
    }

    /** The feature names every run yields, in order. */
    public List<String> featureNames() {
        return checks.stream().flatMap(c -> c.features().stream()).toList();
    }

    public List<AnswerCheck> checks() {
        return checks;
    }

    @Override
    public void close() {
        for (AnswerCheck c : checks) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing check " + c.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
