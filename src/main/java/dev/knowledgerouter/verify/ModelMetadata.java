package dev.knowledgerouter.verify;

import java.util.Locale;
import java.util.Set;

/**
 * What the model's API said about its answer. Any part may be unknown (null).
 *
 * @param model the model's label, e.g. {@code ollama/qwen2.5-coder:7b}
 * @param stopReason why generation stopped, as the API spelled it: Ollama's {@code done_reason},
 *     Anthropic's {@code stop_reason}, OpenAI's {@code finish_reason}
 * @param outputTokens tokens the model generated
 * @param outputTokenLimit the most tokens the request allowed it to generate
 */
public record ModelMetadata(String model, String stopReason, Integer outputTokens, Integer outputTokenLimit) {
    /**
     * Ollama and OpenAI say {@code length}, Anthropic {@code max_tokens},
     * Gemini-style APIs {@code max_output_tokens}.
     */
    private static final Set<String> TOKEN_LIMIT_REASONS =
            Set.of("length", "max_tokens", "max_output_tokens", "model_length");

    public static final ModelMetadata UNKNOWN = new ModelMetadata(null, null, null, null);

    /** Whether the model stopped because it ran out of tokens rather than because it was done. */
    public boolean stoppedAtTokenLimit() {
        if (stopReason != null
                && TOKEN_LIMIT_REASONS.contains(stopReason.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return outputTokens != null
                && outputTokenLimit != null
                && outputTokenLimit > 0
                && outputTokens >= outputTokenLimit;
    }
}
