package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Optional;

/**
 * What a chat model is sent for one call: instructions ({@code system}), the user's turn (question plus
 * reference notes), and how long and how freely it may answer ({@code generation}, absent values left
 * to the configuration). {@code notes}, when the turn holds retrieved passages, says where they sit in
 * {@code user}, so that a backend can fit the prompt to its model's window by showing fewer or shorter
 * ones ({@link PromptFitter}).
 */
public record Prompt(String system, String user, Optional<Notes> notes, Generation generation) {

    /** Reference notes inside {@link #user}: the characters {@code [start, end)}, showing {@code passages}. */
    public record Notes(int start, int end, String question, List<ContextPassage> passages) {
        public Notes {
            passages = List.copyOf(passages);
        }
    }

    public Prompt {
        notes.ifPresent(n -> {
            if (n.start() < 0 || n.end() < n.start() || n.end() > user.length()) {
                throw new IllegalArgumentException("the notes must lie within the user turn");
            }
        });
    }

    /** A prompt without notes to fit, answered as configured. */
    public Prompt(String system, String user) {
        this(system, user, Optional.empty(), Generation.NONE);
    }

    /** This prompt, answered as {@code asked} says where it says anything. */
    public Prompt with(Generation asked) {
        return new Prompt(system, user, notes, asked);
    }

    /** This prompt with {@code rendered} in place of its notes, which now show {@code passages}. */
    Prompt withNotes(String rendered, List<ContextPassage> passages) {
        Notes n = notes.orElseThrow(() -> new IllegalStateException("this prompt has no notes"));
        String replaced = user.substring(0, n.start()) + rendered + user.substring(n.end());
        return new Prompt(
                system,
                replaced,
                Optional.of(new Notes(n.start(), n.start() + rendered.length(), n.question(), passages)),
                generation);
    }
}
