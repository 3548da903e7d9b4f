package dev.knowledgerouter.answer;

import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer with the token counts its API reported (null when absent), why it stopped, which the
 * answer checks read (an answer cut at the token limit is not finished), and what its prompt left out to
 * fit the model's window ({@code trim}, empty when the prompt was sent whole).
 */
public record ModelReply(
        String text, Integer inputTokens, Integer outputTokens, FinishReason finishReason, Optional<ContextTrim> trim) {
    public ModelReply {
        finishReason = Objects.requireNonNullElse(finishReason, FinishReason.UNKNOWN);
        trim = Objects.requireNonNullElse(trim, Optional.empty());
    }

    public ModelReply(String text, Integer inputTokens, Integer outputTokens, FinishReason finishReason) {
        this(text, inputTokens, outputTokens, finishReason, Optional.empty());
    }

    /** A reply whose API said nothing about why it stopped. */
    public ModelReply(String text, Integer inputTokens, Integer outputTokens) {
        this(text, inputTokens, outputTokens, FinishReason.UNKNOWN);
    }

    /** This reply, telling what its prompt left out. */
    public ModelReply trimmed(Optional<ContextTrim> what) {
        return new ModelReply(text, inputTokens, outputTokens, finishReason, what);
    }
}
