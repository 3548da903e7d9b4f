package dev.knowledgerouter.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One model of the local chain: who serves it ({@code provider} at {@code baseUrl}), its name there, the
 * key the server wants (from the environment; most local servers want none), its context window when
 * set ({@code contextTokens}; otherwise read from the server where it says, see docs/answering.md), and
 * how long and how freely it answers unless a request says otherwise.
 */
public record LocalModelSettings(
        Provider provider,
        String baseUrl,
        String model,
        Optional<Secret> apiKey,
        OptionalInt contextTokens,
        OptionalInt maxTokens,
        OptionalDouble temperature,
        Duration timeout) {
    /** An answer of about 700 words: room for an explanation with a code block, small enough for a 4,096-token window. */
    public static final int DEFAULT_MAX_TOKENS = 1024;
    /** Low, for technical answers that should not wander; sent on every call so no server default decides. */
    public static final double DEFAULT_TEMPERATURE = 0.2;

    /** The wire protocol a local model is reached by. */
    public enum Provider {
        /** Ollama's own API ({@code /api/chat}, {@code /api/show}, {@code /api/tags}). */
        OLLAMA,
        /** The OpenAI API ({@code /v1/chat/completions}, {@code /v1/models}): llama.cpp, LM Studio, vLLM, Lemonade. */
        OPENAI;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A model on an Ollama host, with the window and answer settings of the {@code ollama:} section. */
    public static LocalModelSettings ollama(String host, String model, Duration timeout, ModelLimits limits) {
        return new LocalModelSettings(
                Provider.OLLAMA,
                host,
                model,
                Optional.empty(),
                limits.contextTokens(),
                limits.maxTokens(),
                limits.temperature(),
                timeout);
    }

    /** How responses and attempts name it: {@code ollama/qwen2.5-coder:7b}, {@code openai/llama-3.1-8b}. */
    public String name() {
        return provider.label() + "/" + model;
    }

    /** The scheme, host and port of {@link #baseUrl}: models behind the same one share its concurrency gate. */
    public String host() {
        return hostOf(baseUrl);
    }

    /** The scheme, host and port of an http(s) URL, the port made explicit. */
    public static String hostOf(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return uri.getScheme() + "://" + uri.getHost() + ":" + port;
    }
}
