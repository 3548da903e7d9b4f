/**
 * Offline evaluation; used only by cli. {@link dev.knowledgerouter.eval.CascadeEvaluation} measures,
 * on RouteLLM-layout data with the weak model's answers, the pre-router (learn's gain model), the
 * cascade (the answer verifier over the weak model's answer) and their combination on the same
 * seeded splits; {@link dev.knowledgerouter.eval.VerifierFitting} fits the verifier weights the
 * router ships with.
 */
package dev.knowledgerouter.eval;
