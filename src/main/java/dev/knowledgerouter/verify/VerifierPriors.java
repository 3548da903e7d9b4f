package dev.knowledgerouter.verify;

import java.util.Map;

/**
 * Hand-set weights, in log-odds per unit of the raw feature, for features that a fitting sample may
 * barely exercise: the public data the defaults are fitted on has no API stop reasons, no retrieved
 * context, no code, no grader and almost no refusals. They apply only to a feature too rare in the
 * sample to fit ({@link Verifier#MIN_SUPPORT}); a fitted weight always wins. Judgement, not
 * measurement: a cut-off or empty answer is almost surely bad (+3 and +4 take a 36% base rate to
 * about 90% and 96%), an opening refusal nearly so (+2.5, plus 1.5 per log-count of refusals), a
 * block that does not parse or a made-up specific is a strong sign, a grader's "no" a moderate one.
 */
public final class VerifierPriors {
    private static final Map<String, Double> DEFAULTS = Map.of(
            CutOffCheck.CUT_OFF, 3.0,
            LengthCheck.EMPTY, 4.0,
            LengthCheck.SHORT, 1.5,
            RefusalCheck.REFUSALS, 1.5,
            RefusalCheck.REFUSAL_AT_START, 2.5,
            SelfCorrectionCheck.LATE, 0.5,
            CodeSyntaxCheck.BROKEN, 1.5,
            GroundingCheck.UNGROUNDED, 0.8,
            QuestionCoverageCheck.TERMS, 0.4,
            GraderCheck.GRADER_BAD, 1.5);

    private VerifierPriors() {}

    public static Map<String, Double> defaults() {
        return DEFAULTS;
    }
}
