package dev.knowledgerouter.answer;

import java.util.Locale;

/** One earlier turn of a conversation: what the user asked or what the assistant answered. */
public record ChatTurn(Role role, String content) {
    /** Who spoke; a client's system prompt is not a turn but the conversation's {@code instructions}. */
    public enum Role {
        USER,
        ASSISTANT;

        /** {@code user} or {@code assistant}, as the OpenAI and Anthropic APIs name them. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChatTurn {
        if (role == null || content == null) {
            throw new IllegalArgumentException("a turn needs a role and its content");
        }
    }

    public static ChatTurn user(String content) {
        return new ChatTurn(Role.USER, content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn(Role.ASSISTANT, content);
    }
}
