package dev.knowledgerouter.verify;

import dev.knowledgerouter.learn.PromptFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a check but context for the others: how much the question asks, as the pre-router measures it
 * ({@link PromptFeatures}: its words, quantities, sentences, percentages, fractions, decimals,
 * money, largest magnitude and clauses). The same slip weighs differently on a one-step question
 * than on a five-step one, so the verifier sees both. It never fails.
 */
public final class QuestionShape implements AnswerCheck {
    public static final String NAME = "question_shape";
    private static final List<String> FEATURES = List.of(
            "question_words",
            "question_numbers",
            "question_distinct_numbers",
            "question_sentences",
            "question_percentages",
            "question_fractions",
            "question_decimals",
            "question_money",
            "question_largest_log",
            "question_clauses");

    static {
        if (FEATURES.size() != PromptFeatures.COUNT) {
            throw new IllegalStateException(
                    "QuestionShape names " + FEATURES.size() + " features, PromptFeatures has " + PromptFeatures.COUNT);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return FEATURES;
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        double[] values = PromptFeatures.of(review.question());
        List<Feature> features = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            features.add(new Feature(FEATURES.get(i), values[i]));
        }
        return CheckResult.passed(NAME, features);
    }
}
