package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the models: {@code ollama:} (local chat models), {@code claude:} (the remote model and what it
 * may cost) and the embedder ({@code embedder:} with its model under {@code ollama:}).
 */
final class ModelSections {
    private final ConfigEnvironment env;

    ModelSections(ConfigEnvironment env) {
        this.env = env;
    }

    OllamaSettings ollama(YamlNode node) {
        node.allowOnly(
                "host",
                "model",
                "timeout_seconds",
                "fallback_models",
                "max_concurrent",
                "max_queued",
                "embedding_model",
                "embedding_dimension",
                "context_tokens",
                "max_tokens",
                "temperature");
        String host = ConfigValues.ollamaHost(
                env.get("OLLAMA_HOST").orElse(node.text("host").orElse(OllamaSettings.DEFAULT_HOST)));
        List<String> fallbacks = env.list("OLLAMA_FALLBACK_MODELS").orElse(node.strings("fallback_models"));
        String model = env.get("OLLAMA_MODEL").orElse(node.text("model").orElse(OllamaSettings.DEFAULT_MODEL));
        int timeout = node.integer("timeout_seconds", (int) OllamaSettings.DEFAULT_TIMEOUT.toSeconds());
        if (timeout < 1) {
            throw new ConfigException(node.path("timeout_seconds") + " must be at least 1");
        }
        int concurrent = node.integer("max_concurrent", OllamaSettings.DEFAULT_MAX_CONCURRENT);
        int queued = node.integer("max_queued", OllamaSettings.DEFAULT_MAX_QUEUED);
        if (concurrent < 1 || queued < 0) {
            throw new ConfigException(
                    node.path("max_concurrent") + " must be at least 1 and ollama.max_queued at least 0");
        }
        return new OllamaSettings(host, model, Duration.ofSeconds(timeout), fallbacks, concurrent, queued);
    }

    ClaudeSettings claude(YamlNode node) {
        node.allowOnly(
                "model",
                "base_url",
                "max_tokens",
                "timeout_seconds",
                "api_key",
                "max_calls_per_hour",
                "daily_budget_usd",
                "monthly_budget_usd",
                "pricing",
                "temperature");
        if (node.has("api_key")) {
            throw ConfigValues.secretInFile(node.path("api_key"), "keys", "ANTHROPIC_API_KEY");
        }
        Optional<Secret> key = env.get("ANTHROPIC_API_KEY").map(Secret::of);
        String model = claudeModel(node);
        String baseUrl = ConfigValues.claudeBaseUrl(
                env.get("ANTHROPIC_BASE_URL").isPresent() ? "ANTHROPIC_BASE_URL" : node.path("base_url"),
                env.get("ANTHROPIC_BASE_URL").orElse(node.text("base_url").orElse(ClaudeSettings.DEFAULT_BASE_URL)));
        int maxTokens = node.integer("max_tokens", ClaudeSettings.DEFAULT_MAX_TOKENS);
        int timeout = node.integer("timeout_seconds", (int) ClaudeSettings.DEFAULT_TIMEOUT.toSeconds());
        if (maxTokens < 1 || maxTokens > 128_000) {
            throw new ConfigException(node.path("max_tokens") + " must be between 1 and 128000, got " + maxTokens);
        }
        if (timeout < 1) {
            throw new ConfigException(node.path("timeout_seconds") + " must be at least 1, got " + timeout);
        }
        return new ClaudeSettings(
                key, model, baseUrl, maxTokens, Duration.ofSeconds(timeout), LocalModelSections.temperature(node));
    }

    private String claudeModel(YamlNode claude) {
        return env.get("KR_CLAUDE_MODEL").orElse(claude.text("model").orElse(ClaudeSettings.DEFAULT_MODEL));
    }

    /** The limits on Claude, which live in the {@code claude:} section. */
    CostSettings cost(YamlNode claude) {
        int cap = env.get("KR_CLAUDE_MAX_CALLS_PER_HOUR")
                .map(v -> ConfigValues.count("KR_CLAUDE_MAX_CALLS_PER_HOUR", v))
                .orElse(claude.integer("max_calls_per_hour", CostSettings.DEFAULT_MAX_CALLS_PER_HOUR));
        if (cap < 0) {
            throw new ConfigException(
                    claude.path("max_calls_per_hour") + " must be 0 (Claude off) or more, got " + cap);
        }
        Map<String, Price> pricing = new LinkedHashMap<>(CostSettings.defaultPricing());
        YamlNode prices = claude.child("pricing");
        for (String model : prices.keys()) {
            YamlNode p = prices.child(model);
            p.allowOnly("input_per_million", "output_per_million");
            try {
                pricing.put(model, new Price(p.number("input_per_million"), p.number("output_per_million")));
            } catch (ConfigException e) {
                throw new ConfigException(p.path("") + ": " + e.getMessage());
            }
        }
        return new CostSettings(
                cap,
                budget(claude, "daily_budget_usd"),
                budget(claude, "monthly_budget_usd"),
                pricing,
                claudeModel(claude));
    }

    private static Optional<Double> budget(YamlNode node, String key) {
        if (!node.has(key)) {
            return Optional.empty();
        }
        double v = node.number(key);
        if (v < 0) {
            throw new ConfigException(node.path(key) + " must not be negative, got " + v);
        }
        return Optional.of(v);
    }

    /**
     * {@code embedder:} at the root picks the kind, {@code query_embedding_cache:} how many query vectors are
     * remembered; the Ollama embedding model is set under {@code ollama:}.
     */
    EmbedderSettings embedder(YamlNode root, YamlNode ollama) {
        EmbedderSettings d = EmbedderSettings.defaults();
        EmbedderSettings.Kind kind = env.get("KR_EMBEDDER")
                .or(() -> root.text("embedder"))
                .map(EmbedderSettings.Kind::parse)
                .orElse(d.kind());
        String model = env.get("OLLAMA_EMBED_MODEL")
                .orElse(ollama.text("embedding_model").orElse(d.ollamaModel()));
        Optional<Integer> dimension = ollama.has("embedding_dimension")
                ? Optional.of(ollama.integer("embedding_dimension", 0))
                : Optional.empty();
        if (dimension.isPresent() && (dimension.get() < 1 || dimension.get() > 16384)) {
            throw new ConfigException(
                    ollama.path("embedding_dimension") + " must be between 1 and 16384, got " + dimension.get());
        }
        int queryCache = env.get("KR_QUERY_EMBEDDING_CACHE")
                .map(v -> ConfigValues.count("KR_QUERY_EMBEDDING_CACHE", v))
                .orElse(root.integer("query_embedding_cache", EmbedderSettings.DEFAULT_QUERY_CACHE_ENTRIES));
        return new EmbedderSettings(kind, model, dimension, queryCache);
    }
}
