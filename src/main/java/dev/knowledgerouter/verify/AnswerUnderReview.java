package dev.knowledgerouter.verify;

import dev.knowledgerouter.answer.ContextPassage;
import java.util.List;
import java.util.Objects;

/**
 * Everything the checks look at: the user's question, the passages retrieved for it (as the model
 * was given them), the answer, and what the model's API said about it.
 *
 * @param relevanceBar above this best passage score the answer is expected to stay within what the
 *     question and context say (the profile's bar for a local answer); at or below it, nothing is
 *     expected of the context
 */
public record AnswerUnderReview(
        String question, List<ContextPassage> context, String answer, ModelMetadata model, double relevanceBar) {
    /** The bar used when the caller has none: the default profile's widest local rule (docs/routing.md). */
    public static final double DEFAULT_RELEVANCE_BAR = 0.72;

    public AnswerUnderReview {
        question = Objects.requireNonNullElse(question, "");
        context = context == null ? List.of() : List.copyOf(context);
        answer = Objects.requireNonNullElse(answer, "");
        model = Objects.requireNonNullElse(model, ModelMetadata.UNKNOWN);
    }

    /** An answer with no retrieved context and nothing known about how the model stopped. */
    public static AnswerUnderReview of(String question, String answer) {
        return new AnswerUnderReview(question, List.of(), answer, ModelMetadata.UNKNOWN, DEFAULT_RELEVANCE_BAR);
    }

    public AnswerUnderReview withModel(ModelMetadata metadata) {
        return new AnswerUnderReview(question, context, answer, metadata, relevanceBar);
    }

    /** The best passage score, or 0 without context. */
    public double bestRelevance() {
        return context.stream().mapToDouble(ContextPassage::score).max().orElse(0);
    }
}
