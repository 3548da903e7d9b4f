package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The remote model. {@code baseUrl} is the host without {@code /v1}, as the official SDKs read
 * {@code ANTHROPIC_BASE_URL}; an absent key means Claude is not available.
 */
public record ClaudeSettings(Optional<Secret> apiKey, String model, String baseUrl, int maxTokens, Duration timeout) {
    public static final String DEFAULT_MODEL = "claude-sonnet-4-6";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final int DEFAULT_MAX_TOKENS = 2048;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** What an empty kr.yaml and environment give: no key, so Claude is off. */
    public static ClaudeSettings defaults() {
        return new ClaudeSettings(
                Optional.empty(), DEFAULT_MODEL, DEFAULT_BASE_URL, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT);
    }

    public boolean enabled() {
        return apiKey.isPresent();
    }
}
