package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the chat prompt: the question, preceded by the retrieved notes, most relevant first. */
public final class PromptBuilder {
    static final String SYSTEM = """
            You are a senior software engineer helping a developer. Answer the question directly and correctly: \
            lead with the fix or the answer, then the why, with exact commands, configuration or code where they help. \
            Reference notes from the team's knowledge base may follow; use them when they fit the question, \
            say so when they do not, and never invent commands or flags.""";
    static final int MAX_PASSAGE_CHARS = 2_500;
    static final String NOTES_HEADER = "Reference notes (most relevant first):\n";
    static final String QUESTION_LABEL = "\nQuestion:\n";
    /** Enough of a doubted answer to see what went wrong, not so much that it crowds out the notes. */
    private static final int MAX_DOUBTED_CHARS = 2_000;

    public Prompt build(String query, List<ContextPassage> context) {
        return build(query, context, List.of());
    }

    /** @param earlierFailures what the local models did wrong, so the remote model does not repeat it */
    public Prompt build(String query, List<ContextPassage> context, List<String> earlierFailures) {
        return build(query, context, earlierFailures, List.of());
    }

    /**
     * @param doubted local answers the checks doubted, with the checks that failed: the remote model
     *     sees what to avoid, and is told not to trust them
     */
    public Prompt build(
            String query, List<ContextPassage> context, List<String> earlierFailures, List<DoubtedAnswer> doubted) {
        StringBuilder user = new StringBuilder();
        if (!earlierFailures.isEmpty()) {
            user.append("Local models could not answer this (")
                    .append(String.join("; ", earlierFailures))
                    .append(").\n\n");
        }
        for (DoubtedAnswer d : doubted) {
            appendDoubted(user, d);
        }
        Optional<Prompt.Notes> notes = Optional.empty();
        if (!context.isEmpty()) {
            int start = user.length();
            user.append(notes(query, context));
            notes = Optional.of(new Prompt.Notes(start, user.length(), query.strip(), context));
        } else if (!doubted.isEmpty()) {
            user.append("Question:\n");
        }
        user.append(query.strip());
        return new Prompt(SYSTEM, user.toString(), notes, Generation.NONE);
    }

    /**
     * The reference notes before the question: {@link #NOTES_HEADER}, each passage's {@link #passage} block,
     * then {@link #QUESTION_LABEL}; nothing for no passages.
     */
    static String notes(String question, List<ContextPassage> passages) {
        if (passages.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(NOTES_HEADER);
        for (int i = 0; i < passages.size(); i++) {
            out.append(passage(i + 1, passages.get(i), question));
        }
        return out.append(QUESTION_LABEL).toString();
    }

    /**
     * The {@code n}th passage of the notes with its reference and relevance, one longer than
     * {@value #MAX_PASSAGE_CHARS} characters cut to its best part for the question.
     */
    static String passage(int n, ContextPassage p, String question) {
        String text =
                BestPart.of(p, question, MAX_PASSAGE_CHARS, String::length).text();
        return "\n[" + n + "] " + p.reference() + String.format(Locale.ROOT, " (relevance %.2f)\n", p.score()) + text
                + "\n";
    }

    private static void appendDoubted(StringBuilder user, DoubtedAnswer d) {
        String text = d.text().strip();
        if (text.length() > MAX_DOUBTED_CHARS) {
            text = text.substring(0, MAX_DOUBTED_CHARS) + " [...]";
        }
        user.append("A local model (")
                .append(d.model())
                .append(") answered, but automatic checks doubt its answer (")
                .append(String.join("; ", d.reasons()))
                .append("). Do not rely on it; answer the question yourself. Its answer was:\n<<<\n")
                .append(text)
                .append("\n>>>\n\n");
    }
}
