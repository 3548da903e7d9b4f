package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Locale;

/**
 * The answer given when no model could answer: the best stored entry, labelled as retrieval-only,
 * or, when nothing stored is close enough, a message that says how to get a model answer.
 */
final class RetrievalAnswer {
    private RetrievalAnswer() {
    }

    static String build(List<ContextPassage> context, double minScore, String why) {
        if (context.isEmpty() || context.getFirst().score() < minScore) {
            String best = context.isEmpty() ? "none scored above the context bar" : String.format(Locale.ROOT, "best relevance %.2f", context.getFirst().score());
            return "[retrieval-only] No model answered (" + why + ") and no stored entry is close enough to this question ("
                    + best + "). Start Ollama (`ollama serve`, then `ollama pull` the configured model) or set ANTHROPIC_API_KEY to get a model answer.";
        }
        ContextPassage top = context.getFirst();
        return "[retrieval-only] No model answered (" + why + "). Closest stored entry: " + top.reference()
                + String.format(Locale.ROOT, " (relevance %.2f)", top.score()) + "\n\n" + top.text();
    }
}
