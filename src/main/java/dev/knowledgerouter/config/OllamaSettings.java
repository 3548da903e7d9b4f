package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where the local models run: the primary model, then the fallbacks in order, each with its own timeout. */
public record OllamaSettings(
        String host, String model, Duration timeout, List<String> fallbackModels, int maxConcurrent, int maxQueued) {
    public static final int DEFAULT_MAX_CONCURRENT = 2;
    public static final int DEFAULT_MAX_QUEUED = 16;
    /** A cold model load plus a long answer on a laptop. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public OllamaSettings(String host, String model, Duration timeout) {
        this(host, model, timeout, List.of());
    }

    public OllamaSettings(String host, String model, Duration timeout, List<String> fallbackModels) {
        this(host, model, timeout, fallbackModels, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_QUEUED);
    }

    /** What an empty kr.yaml and environment give: the default model on the local Ollama, no fallback. */
    public static OllamaSettings defaults() {
        return new OllamaSettings(DEFAULT_HOST, DEFAULT_MODEL, DEFAULT_TIMEOUT);
    }

    public OllamaSettings {
        fallbackModels = List.copyOf(fallbackModels);
    }

    /** The chain, primary first. */
    public List<String> chain() {
        List<String> all = new ArrayList<>();
        all.add(model);
        fallbackModels.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return all;
    }

    public static final String DEFAULT_HOST = "http://localhost:11434";
    public static final String DEFAULT_MODEL = "qwen2.5-coder:7b";
}
