/**
 * Looking at an answer before trusting it. Cheap, general checks of a model's answer
 * ({@link dev.knowledgerouter.verify.AnswerCheck}: cut off at the token limit, empty or far too short,
 * refusal and stated uncertainty, self-corrections, stated arithmetic that does not hold, question
 * quantities the answer ignores, code blocks that do not parse, specifics the retrieved context does
 * not support), each giving numeric features and a reason in words; the
 * {@link dev.knowledgerouter.verify.Verifier}, a logistic model over those features with shipped
 * default weights, turning them into P(answer is bad); per-profile escalation thresholds; and the
 * optional second local-model grading pass ({@link dev.knowledgerouter.verify.AnswerGrader}, off by
 * default). {@link dev.knowledgerouter.verify.AnswerVerifier} is the entry point: the answer chain
 * hands it an {@link dev.knowledgerouter.verify.AnswerUnderReview} and gets a
 * {@link dev.knowledgerouter.verify.Verdict} whose feature vector the learning loop can store.
 * This package does not decide what to do with a verdict; the answer chain does.
 */
package dev.knowledgerouter.verify;
