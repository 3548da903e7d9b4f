package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Locale;

/**
 * The answer given when no model could answer: the best stored entry, labelled as retrieval-only,
 * or, when nothing stored is close enough, a message that says how to get a model answer.
 */
final class RetrievalAnswer {
    private RetrievalAnswer() {}

    /** @param remedy what would get a model answer here, in terms of what is configured */
    static String build(List<ContextPassage> context, double minScore, String why, String remedy) {
        if (context.isEmpty() || context.getFirst().score() < minScore) {
            String best = context.isEmpty()
                    ? "none scored above the context bar"
                    : String.format(
                            Locale.ROOT,
                            "best relevance %.2f",
                            context.getFirst().score());
            return "[retrieval-only] No model answered (" + why
                    + ") and no stored entry is close enough to this question (" + best + "). " + remedy;
        }
        ContextPassage top = context.getFirst();
        return "[retrieval-only] No model answered (" + why + "). Closest stored entry: " + top.reference()
                + String.format(Locale.ROOT, " (relevance %.2f)", top.score()) + "\n\n" + top.text();
    }
}
