package dev.knowledgerouter.answer;

/**
 * Looks at a local answer before the {@link Answerer} releases it. The answer chain knows nothing of
 * how answers are judged: the checks and the verifier live in a package above this one and plug in
 * here (wired in {@code app}), so that a doubtful answer escalates like a failed call.
 */
@FunctionalInterface
public interface AnswerJudge {
    /** Trusts every answer and measures nothing: the chain as it was before answers were checked. */
    AnswerJudge TRUSTING = candidate -> Judgement.unchecked();

    Judgement judge(CandidateAnswer candidate);
}
