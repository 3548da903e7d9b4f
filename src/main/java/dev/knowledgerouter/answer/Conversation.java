package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Optional;

/**
 * What came before the question in a chat: the client's system prompt ({@code instructions}, e.g. Open
 * WebUI's or Continue's) and the earlier turns, oldest first. The model that answers sees both (the
 * instructions after kr's own, the turns as messages before the question), as far as its window allows.
 */
public record Conversation(Optional<String> instructions, List<ChatTurn> turns) {
    /** A question asked on its own. */
    public static final Conversation NONE = new Conversation(Optional.empty(), List.of());

    public Conversation {
        instructions = instructions.map(String::strip).filter(s -> !s.isEmpty());
        turns = List.copyOf(turns);
    }

    public static Conversation of(List<ChatTurn> turns) {
        return new Conversation(Optional.empty(), turns);
    }

    public boolean isEmpty() {
        return instructions.isEmpty() && turns.isEmpty();
    }

    /** The user's turn before the question, if any: what a follow-up question leans on. */
    public Optional<String> previousUserTurn() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role() == ChatTurn.Role.USER) {
                return Optional.of(turns.get(i).content());
            }
        }
        return Optional.empty();
    }

    /** The conversation's first user turn, if any: what every later turn carries in its history. */
    public Optional<String> firstUserTurn() {
        return turns.stream()
                .filter(t -> t.role() == ChatTurn.Role.USER)
                .map(ChatTurn::content)
                .findFirst();
    }
}
