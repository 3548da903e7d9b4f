package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The remote model. {@code baseUrl} is the host without {@code /v1}, as the official SDKs read
 * {@code ANTHROPIC_BASE_URL}; an absent key means Claude is not available. {@code maxTokens} and
 * {@code temperature} hold unless a request asks otherwise; without a temperature Anthropic's default applies.
 */
public record ClaudeSettings(
        Optional<Secret> apiKey,
        String model,
        String baseUrl,
        int maxTokens,
        Duration timeout,
        OptionalDouble temperature) {
    public static final String DEFAULT_MODEL = "claude-sonnet-4-6";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final int DEFAULT_MAX_TOKENS = 2048;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** What an empty kr.yaml and environment give: no key, so Claude is off. */
    public static ClaudeSettings defaults() {
        return new ClaudeSettings(
                Optional.empty(), DEFAULT_MODEL, DEFAULT_BASE_URL, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT);
    }

    /** Claude at Anthropic's default temperature unless a request asks for another. */
    public ClaudeSettings(Optional<Secret> apiKey, String model, String baseUrl, int maxTokens, Duration timeout) {
        this(apiKey, model, baseUrl, maxTokens, timeout, OptionalDouble.empty());
    }

    public boolean enabled() {
        return apiKey.isPresent();
    }
}
