package dev.knowledgerouter.eval;

/**
 * The combined router: the expected gain of escalating once the local answer has been seen,
 * P(strong model right | prompt) - P(weak answer right | answer). The first factor is the
 * pre-router's remote model (learn's gain model, from the prompt's embedding and features), the
 * second is one minus the verifier's P(bad). It is the gain model's own score with its guess about
 * the weak model replaced by the verifier's judgement of the actual answer, so it escalates the bad
 * answers first and, among them, those the strong model is likely to get right. (An average of the
 * two routers' rank orders scored below the cascade alone: the pre-router's P(weak right) is a
 * worse guess than the verifier's and dilutes it.)
 */
final class Combination {
    static final String DESCRIPTION =
            "expected gain of escalating: pre-router P(strong right) - (1 - verifier P(weak" + " answer bad))";

    private Combination() {}

    static double[] of(RoutingEvaluation.Scores pre, double[] bad) {
        double[] out = new double[bad.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pre.remote()[i] - (1 - bad[i]);
        }
        return out;
    }
}
