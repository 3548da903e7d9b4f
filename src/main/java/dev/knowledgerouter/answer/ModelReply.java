package dev.knowledgerouter.answer;

import java.util.Optional;

/**
 * A model's answer with the token counts its API reported (null when absent), and what its prompt left
 * out to fit the model's window ({@code trim}, empty when the prompt was sent whole).
 */
public record ModelReply(String text, Integer inputTokens, Integer outputTokens, Optional<ContextTrim> trim) {
    public ModelReply(String text, Integer inputTokens, Integer outputTokens) {
        this(text, inputTokens, outputTokens, Optional.empty());
    }

    /** This reply, telling what its prompt left out. */
    public ModelReply trimmed(Optional<ContextTrim> what) {
        return new ModelReply(text, inputTokens, outputTokens, what);
    }
}
