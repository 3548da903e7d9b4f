package dev.knowledgerouter.verify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The answer corrects itself: a sentence that opens with "However", "Actually", "Wait", "But",
 * "Oops", "Instead", "Correction", or says "I made a mistake", "let me recalculate", "on second
 * thought". An answer that changes course may have settled on the wrong branch, and one that does
 * so near its end changed its conclusion, so the count and whether the last one falls in the final
 * third are the features.
 */
public final class SelfCorrectionCheck implements AnswerCheck {
    public static final String NAME = "self_correction";
    static final String CORRECTIONS = "self_corrections_log";
    static final String LATE = "self_correction_late";
    private static final double LATE_FROM = 2.0 / 3;

    private static final Pattern CORRECTION = Pattern.compile("(?:^|[.!?:\\n]\\s*|\\n\\s*[-*]\\s*)"
            + "(?:however|actually|wait|but|hmm+|oops|instead|correction|alternatively|on second thought)\\b"
            + "|\\b(?:i made (?:a|an) (?:mistake|error)|my (?:mistake|apologies|bad)|let me (?:re|correct|try again"
            + "|double.check)\\w*"
            + "|re-?calculat\\w*|re-?evaluat\\w*|(?:that|this) (?:is|was|'s) (?:not right|incorrect|wrong))");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(CORRECTIONS, LATE);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        List<PhraseMatches.Match> found = PhraseMatches.find(CORRECTION, PhraseMatches.plain(review.answer()));
        boolean late = !found.isEmpty() && found.getLast().position() >= LATE_FROM;
        List<Feature> features =
                List.of(new Feature(CORRECTIONS, Math.log1p(found.size())), new Feature(LATE, late ? 1 : 0));
        return CheckResult.of(
                NAME,
                !found.isEmpty(),
                "corrects itself: " + PhraseMatches.quoted(found, 3) + (late ? ", the last in its final third" : ""),
                features);
    }
}
