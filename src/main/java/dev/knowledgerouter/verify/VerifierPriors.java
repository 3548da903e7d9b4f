package dev.knowledgerouter.verify;

import java.util.Map;

/**
 * Hand-set weights, in log-odds per unit of the raw feature, for features that a fitting sample may
 * never exercise: the public data the defaults are fitted on has no API stop reasons, no retrieved
 * context, almost no code and no grader. They apply only to a feature that did not vary in the
 * sample; a fitted weight always wins. Judgement, not measurement: a cut-off or empty answer is
 * almost surely bad (+3 and +4 take a 36% base rate to about 90% and 96%), a block that does not
 * parse or a made-up specific is a strong sign, a grader's "no" a moderate one.
 */
public final class VerifierPriors {
    private static final Map<String, Double> DEFAULTS = Map.of(
            CutOffCheck.CUT_OFF, 3.0,
            LengthCheck.EMPTY, 4.0,
            RefusalCheck.REFUSAL_AT_START, 2.5,
            CodeSyntaxCheck.BROKEN, 1.5,
            GroundingCheck.UNGROUNDED, 0.8,
            QuestionCoverageCheck.TERMS, 0.4,
            GraderCheck.GRADER_BAD, 1.5);

    private VerifierPriors() {
    }

    public static Map<String, Double> defaults() {
        return DEFAULTS;
    }
}
