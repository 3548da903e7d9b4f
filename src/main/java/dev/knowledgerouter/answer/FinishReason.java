package dev.knowledgerouter.answer;

import java.util.Locale;

/**
 * Why a model stopped writing, as its API said: {@code STOP} when it was done, {@code LENGTH} when it
 * ran out of tokens (Ollama {@code done_reason: "length"}, Anthropic {@code stop_reason: "max_tokens"},
 * OpenAI {@code finish_reason: "length"}), {@code OTHER} for anything else it named (a content filter,
 * a tool call), {@code UNKNOWN} when it said nothing.
 */
public enum FinishReason {
    STOP,
    LENGTH,
    OTHER,
    UNKNOWN;

    /** As the answer checks and stored interactions spell it: {@code stop}, {@code length}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
