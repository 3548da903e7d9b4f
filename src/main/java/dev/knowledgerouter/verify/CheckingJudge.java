package dev.knowledgerouter.verify;

import dev.knowledgerouter.answer.AnswerJudge;
import dev.knowledgerouter.answer.CandidateAnswer;
import dev.knowledgerouter.answer.FinishReason;
import dev.knowledgerouter.answer.Judgement;
import dev.knowledgerouter.answer.ModelReply;
import java.util.List;
import java.util.Optional;

/**
 * The answer chain's {@link AnswerJudge}, made of this package's parts: the {@link AnswerChecks} on the
 * local answer, scored by the {@link WeightsInUse}, held to the profile's {@link EscalationThresholds
 * threshold} (the lower of it and {@code critical}'s for a critical task). At or above it the answer is
 * {@link Judgement.Doubtful}. Thread-safe; close it to free the native parsers of the code check.
 */
public final class CheckingJudge implements AnswerJudge, AutoCloseable {
    private final AnswerChecks checks;
    private final WeightsInUse weights;
    private final EscalationThresholds thresholds;

    public CheckingJudge(AnswerChecks checks, WeightsInUse weights, EscalationThresholds thresholds) {
        this.checks = checks;
        this.weights = weights;
        this.thresholds = thresholds;
    }

    @Override
    public Judgement judge(CandidateAnswer candidate) {
        long start = System.nanoTime();
        AnswerUnderReview review = new AnswerUnderReview(
                candidate.question(),
                candidate.context(),
                candidate.reply().text(),
                metadata(candidate.model(), candidate.reply()),
                candidate.relevanceBar());
        List<CheckResult> results = checks.run(review);
        FeatureVector features = FeatureVector.of(results);
        Verdict verdict = new Verdict(weights.current().score(features), results, features);
        double threshold = thresholds.forAnswer(candidate.profile(), candidate.critical());
        double ms = (System.nanoTime() - start) / 1e6;
        return verdict.escalates(threshold)
                ? new Judgement.Doubtful(verdict.score(), threshold, verdict.reasons(), features.asMap(), ms)
                : new Judgement.Trusted(verdict.score(), threshold, verdict.reasons(), features.asMap(), ms);
    }

    /** What the optional grading pass has cost so far: calls, grades not given, milliseconds; empty when it is off. */
    public Optional<GraderCheck.Stats> graderStats() {
        return checks.checks().stream()
                .filter(GraderCheck.class::isInstance)
                .map(c -> ((GraderCheck) c).stats())
                .findFirst();
    }

    /** What the API said about the reply, in the checks' terms; a reason it did not give stays unknown. */
    static ModelMetadata metadata(String model, ModelReply reply) {
        String stop = reply.finishReason() == FinishReason.UNKNOWN
                ? null
                : reply.finishReason().wireName();
        return new ModelMetadata(model, stop, reply.outputTokens(), null);
    }

    @Override
    public void close() {
        checks.close();
    }
}
