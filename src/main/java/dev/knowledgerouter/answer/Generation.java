package dev.knowledgerouter.answer;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How long and how freely a model may answer: the most tokens it may write ({@code max_tokens}, Ollama's
 * {@code num_predict}) and its sampling temperature. Either may be absent; a request's values win over
 * the configured ones ({@link #orElse}), and a backend fills what is still absent with its defaults.
 */
public record Generation(OptionalInt maxTokens, OptionalDouble temperature) {
    /** The most tokens anyone may ask for, Claude's largest output included. */
    public static final int MAX_TOKENS_LIMIT = 128_000;

    public static final double MAX_TEMPERATURE = 2.0;

    /** Nothing asked: the configured values, then the backend's defaults, hold. */
    public static final Generation NONE = new Generation(OptionalInt.empty(), OptionalDouble.empty());

    public Generation {
        maxTokens.ifPresent(n -> {
            if (n < 1 || n > MAX_TOKENS_LIMIT) {
                throw new IllegalArgumentException(
                        "max_tokens must be between 1 and " + MAX_TOKENS_LIMIT + ", got " + n);
            }
        });
        temperature.ifPresent(t -> {
            if (!(t >= 0 && t <= MAX_TEMPERATURE)) {
                throw new IllegalArgumentException(
                        "temperature must be between 0 and " + MAX_TEMPERATURE + ", got " + t);
            }
        });
    }

    public static Generation of(int maxTokens, double temperature) {
        return new Generation(OptionalInt.of(maxTokens), OptionalDouble.of(temperature));
    }

    public static Generation maxTokens(int maxTokens) {
        return new Generation(OptionalInt.of(maxTokens), OptionalDouble.empty());
    }

    public static Generation temperature(double temperature) {
        return new Generation(OptionalInt.empty(), OptionalDouble.of(temperature));
    }

    /** These values, and {@code fallback}'s where these are absent. */
    public Generation orElse(Generation fallback) {
        return new Generation(
                maxTokens.isPresent() ? maxTokens : fallback.maxTokens,
                temperature.isPresent() ? temperature : fallback.temperature);
    }
}
