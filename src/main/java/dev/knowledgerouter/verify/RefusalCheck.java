package dev.knowledgerouter.verify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A refusal ("I don't know", "I cannot", "as an AI", "not enough information") or stated
 * uncertainty ("I'm not sure", "probably", "assuming", "approximately"). A refusal in the opening of
 * the answer means there is no answer; later, it is a caveat, so its position is a feature of its own.
 */
public final class RefusalCheck implements AnswerCheck {
    public static final String NAME = "refusal";
    static final String REFUSALS = "refusals_log";
    static final String REFUSAL_AT_START = "refusal_at_start";
    static final String UNCERTAINTY = "uncertainty_log";
    /** The opening of an answer: its first fifth. */
    private static final double START = 0.2;

    private static final Pattern REFUSAL =
            Pattern.compile("\\b(?:i (?:do not|don't) know|i (?:cannot|can't|am unable to|'m unable to)"
                    + "|i'm unable|i am unable|i (?:do not|don't) have (?:enough|access|the|a specific|sufficient)"
                    + "|as an ai\\b|as a (?:large )?language model|i'm sorry|i apologi[sz]e|unable to (?:determine|answer"
                    + "|provide|help)"
                    + "|(?:not enough|insufficient) information|cannot be determined|can't be determined"
                    + "|impossible to (?:determine|say|know|answer|tell)|(?:does not|doesn't) make sense|not possible to"
                    + " (?:determine|answer|say))");
    private static final Pattern UNCERTAIN =
            Pattern.compile("\\b(?:(?:i'm|i am) not (?:sure|certain)|not sure|i think|i believe"
                    + "|probably|possibly|perhaps|might be|may be|it seems|seems to be|unclear|not clear|assum(?:e|ed|es|ing"
                    + "|ption)"
                    + "|approximately|roughly|round(?:ed|ing)? (?:up|down|to)|estimat(?:e|ed|ing))\\b");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(REFUSALS, REFUSAL_AT_START, UNCERTAINTY);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        String text = PhraseMatches.plain(review.answer());
        List<PhraseMatches.Match> refusals = PhraseMatches.find(REFUSAL, text);
        List<PhraseMatches.Match> uncertain = PhraseMatches.find(UNCERTAIN, text);
        boolean atStart = !refusals.isEmpty() && refusals.getFirst().position() < START;
        List<Feature> features = List.of(
                new Feature(REFUSALS, Math.log1p(refusals.size())),
                new Feature(REFUSAL_AT_START, atStart ? 1 : 0),
                new Feature(UNCERTAINTY, Math.log1p(uncertain.size())));
        if (!refusals.isEmpty()) {
            return CheckResult.failed(
                    NAME, (atStart ? "opens with a refusal: " : "says ") + PhraseMatches.quoted(refusals, 3), features);
        }
        return CheckResult.of(
                NAME, uncertain.size() >= 2, "states uncertainty: " + PhraseMatches.quoted(uncertain, 3), features);
    }
}
