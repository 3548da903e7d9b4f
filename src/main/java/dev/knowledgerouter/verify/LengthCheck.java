package dev.knowledgerouter.verify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An empty answer, or one far too short for its question. A question that asks for an explanation,
 * steps or code ("how", "why", "explain", "write", ...) needs at least {@value #EXPLANATION_WORDS}
 * words; any other question at least a fifteenth of its own length (a long pasted error deserves
 * more than a word or two), capped at {@value #CAP_WORDS}. The lengths themselves are features: on
 * their own they say little, beside the other checks they say how much the answer attempted.
 */
public final class LengthCheck implements AnswerCheck {
    public static final String NAME = "too_short";
    static final String EMPTY = "empty";
    static final String WORDS = "answer_words_log";
    static final String RATIO = "answer_to_question_log_ratio";
    static final int EXPLANATION_WORDS = 8;
    static final int CAP_WORDS = 20;
    private static final Pattern ASKS_FOR_MORE = Pattern.compile(
            "\\b(how(?! (?:many|much|long|old|far|often)\\b)|why|explain|describe|compare|difference|walk me|steps?|write|implement|show me|example)\\b");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(EMPTY, WORDS, RATIO);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        int answerWords = Words.count(review.answer());
        int questionWords = Words.count(review.question());
        List<Feature> features = List.of(new Feature(EMPTY, answerWords == 0 ? 1 : 0), new Feature(WORDS, Math.log1p(answerWords)),
                new Feature(RATIO, Math.log1p(answerWords) - Math.log1p(questionWords)));
        if (answerWords == 0) {
            return CheckResult.failed(NAME, "the answer is empty", features);
        }
        int needed = needed(review.question(), questionWords);
        return CheckResult.of(NAME, answerWords < needed,
                answerWords + (answerWords == 1 ? " word" : " words") + " for a " + questionWords + "-word question that needs at least "
                        + needed, features);
    }

    static int needed(String question, int questionWords) {
        int byLength = Math.min(CAP_WORDS, Math.max(1, questionWords / 15));
        boolean explanation = ASKS_FOR_MORE.matcher(question.toLowerCase(Locale.ROOT)).find();
        return explanation ? Math.max(EXPLANATION_WORDS, byLength) : byLength;
    }
}
