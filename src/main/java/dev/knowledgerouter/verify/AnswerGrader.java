package dev.knowledgerouter.verify;

import dev.knowledgerouter.config.GraderSettings;

/**
 * A second opinion on an answer, from a model asked to grade it (yes or no, with a reason). Costs a
 * model call, so it is off unless {@link GraderSettings#enabled()} ({@code verify.grader.enabled}); a grader that cannot reach its
 * model says {@link Grade.Judgement#UNKNOWN} rather than failing the answer.
 */
@FunctionalInterface
public interface AnswerGrader {
    Grade grade(AnswerUnderReview review);
}
