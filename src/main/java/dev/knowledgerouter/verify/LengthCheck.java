package dev.knowledgerouter.verify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An empty answer, or one far too short for its question. A question that asks for an explanation,
 * steps or code ("how", "why", "explain", "write", ...) needs at least {@value #EXPLANATION_WORDS}
 * words; any other question at least a fifteenth of its own length (a long pasted error deserves
 * more than a word or two), capped at {@value #CAP_WORDS}. The features are the two verdicts, not
 * the lengths: raw answer and question lengths lowered the offline APGR (docs/routing.md).
 */
public final class LengthCheck implements AnswerCheck {
    public static final String NAME = "too_short";
    static final String EMPTY = "empty";
    static final String SHORT = "too_short";
    static final int EXPLANATION_WORDS = 8;
    static final int CAP_WORDS = 20;
    private static final Pattern ASKS_FOR_MORE = Pattern.compile(
            "\\b(how(?! (?:many|much|long|old|far|often)\\b)|why|explain|describe|compare|difference|walk me|steps?"
                    + "|write|implement|show me|example)\\b");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(EMPTY, SHORT);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        int answerWords = Words.count(review.answer());
        int questionWords = Words.count(review.question());
        int needed = needed(review.question(), questionWords);
        boolean tooShort = answerWords > 0 && answerWords < needed;
        List<Feature> features =
                List.of(new Feature(EMPTY, answerWords == 0 ? 1 : 0), new Feature(SHORT, tooShort ? 1 : 0));
        if (answerWords == 0) {
            return CheckResult.failed(NAME, "the answer is empty", features);
        }
        return CheckResult.of(
                NAME,
                tooShort,
                answerWords + (answerWords == 1 ? " word" : " words") + " for a " + questionWords
                        + "-word question that needs at least "
                        + needed,
                features);
    }

    static int needed(String question, int questionWords) {
        int byLength = Math.min(CAP_WORDS, Math.max(1, questionWords / 15));
        boolean explanation =
                ASKS_FOR_MORE.matcher(question.toLowerCase(Locale.ROOT)).find();
        return explanation ? Math.max(EXPLANATION_WORDS, byLength) : byLength;
    }
}
