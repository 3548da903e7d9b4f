package dev.knowledgerouter.config;

import java.time.Duration;

/** Where the local model runs and which model answers. */
public record OllamaSettings(String host, String model, Duration timeout) {
    public static final String DEFAULT_HOST = "http://localhost:11434";
    public static final String DEFAULT_MODEL = "qwen2.5-coder:7b";
}
