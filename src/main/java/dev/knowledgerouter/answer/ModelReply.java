package dev.knowledgerouter.answer;

import java.util.Objects;

/**
 * A model's answer with the token counts its API reported (null when absent) and why it stopped, which
 * the answer checks read: an answer cut at the token limit is not finished.
 */
public record ModelReply(String text, Integer inputTokens, Integer outputTokens, FinishReason finishReason) {
    public ModelReply {
        finishReason = Objects.requireNonNullElse(finishReason, FinishReason.UNKNOWN);
    }

    /** A reply whose API said nothing about why it stopped. */
    public ModelReply(String text, Integer inputTokens, Integer outputTokens) {
        this(text, inputTokens, outputTokens, FinishReason.UNKNOWN);
    }
}
