package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Optional;

/**
 * What a chat model is sent for one call: instructions ({@code system}), the user's turn (question plus
 * reference notes), and how long and how freely it may answer ({@code generation}, absent values left
 * to the configuration). {@code notes}, when the turn holds retrieved passages, says where they sit in
 * {@code user}, so that a backend can fit the prompt to its model's window by showing fewer or shorter
 * ones ({@link PromptFitter}). {@code history} holds the earlier turns of a conversation, oldest first, sent
 * as messages between the instructions and the user's turn; the fitter drops the oldest first.
 */
public record Prompt(String system, String user, Optional<Notes> notes, Generation generation, List<ChatTurn> history) {

    /** Reference notes inside {@link #user}: the characters {@code [start, end)}, showing {@code passages}. */
    public record Notes(int start, int end, String question, List<ContextPassage> passages) {
        public Notes {
            passages = List.copyOf(passages);
        }
    }

    /** Put before a client's system prompt, so the model knows whose words follow. */
    static final String CLIENT_INSTRUCTIONS = "\n\nThe developer's chat client adds these instructions:\n";

    public Prompt {
        history = List.copyOf(history);
        notes.ifPresent(n -> {
            if (n.start() < 0 || n.end() < n.start() || n.end() > user.length()) {
                throw new IllegalArgumentException("the notes must lie within the user turn");
            }
        });
    }

    /** A prompt for a question asked on its own. */
    public Prompt(String system, String user, Optional<Notes> notes, Generation generation) {
        this(system, user, notes, generation, List.of());
    }

    /** A prompt without notes to fit, answered as configured. */
    public Prompt(String system, String user) {
        this(system, user, Optional.empty(), Generation.NONE);
    }

    /** This prompt, answered as {@code asked} says where it says anything. */
    public Prompt with(Generation asked) {
        return new Prompt(system, user, notes, asked, history);
    }

    /** This prompt inside {@code conversation}: its instructions after these, its turns before the user's turn. */
    public Prompt in(Conversation conversation) {
        String instructions = conversation
                .instructions()
                .map(i -> system + CLIENT_INSTRUCTIONS + i)
                .orElse(system);
        return new Prompt(instructions, user, notes, generation, conversation.turns());
    }

    /** This prompt with only the newest {@code keep} turns of its history. */
    Prompt withNewestTurns(int keep) {
        return new Prompt(system, user, notes, generation, history.subList(history.size() - keep, history.size()));
    }

    /** This prompt with {@code rendered} in place of its notes, which now show {@code passages}. */
    Prompt withNotes(String rendered, List<ContextPassage> passages) {
        Notes n = notes.orElseThrow(() -> new IllegalStateException("this prompt has no notes"));
        String replaced = user.substring(0, n.start()) + rendered + user.substring(n.end());
        return new Prompt(
                system,
                replaced,
                Optional.of(new Notes(n.start(), n.start() + rendered.length(), n.question(), passages)),
                generation,
                history);
    }
}
