package dev.knowledgerouter.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code local_models:} (the local chain, any mix of Ollama and OpenAI-compatible servers) and the
 * window and answer keys every model section shares: {@code context_tokens}, {@code max_tokens},
 * {@code temperature}.
 */
final class LocalModelSections {
    /** The smallest window worth configuring: a question, a short note and a short answer. */
    static final int MIN_CONTEXT_TOKENS = 512;
    /** The longest window any current model has. */
    static final int MAX_CONTEXT_TOKENS = 10_000_000;

    private final ConfigEnvironment env;

    LocalModelSections(ConfigEnvironment env) {
        this.env = env;
    }

    /** {@code local_models:} under the root, and the limits of {@code ollama:} for its own chain. */
    LocalModels localModels(YamlNode root, OllamaSettings ollama) {
        ModelLimits ollamaLimits = limits(root.child("ollama"));
        if (!root.has("local_models")) {
            return new LocalModels(List.of(), ollamaLimits);
        }
        YamlNode list = root.child("local_models");
        if (!ollama.fallbackModels().isEmpty()) {
            throw new ConfigException(list.path("")
                    + " and ollama.fallback_models (or OLLAMA_FALLBACK_MODELS) both name the fallback chain; list"
                    + " every local model under local_models, in order (provider: ollama for Ollama's)");
        }
        List<LocalModelSettings> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode entry : list.elements("a mapping such as {provider: openai, base_url: http://localhost:8080/v1,"
                + " model: qwen2.5-coder-7b}")) {
            LocalModelSettings m = entry(entry, ollama);
            if (!names.add(m.name())) {
                throw new ConfigException(entry.path("model") + " names " + m.name() + " a second time;"
                        + " each model appears once in the chain");
            }
            models.add(m);
        }
        if (models.isEmpty()) {
            throw new ConfigException(
                    list.path("") + " is empty; list at least one model, or remove it to use ollama.model alone");
        }
        return new LocalModels(models, ollamaLimits);
    }

    private LocalModelSettings entry(YamlNode node, OllamaSettings ollama) {
        node.allowOnly(
                "provider",
                "base_url",
                "model",
                "api_key_env",
                "api_key",
                "context_tokens",
                "max_tokens",
                "temperature",
                "timeout_seconds");
        if (node.has("api_key")) {
            throw ConfigValues.secretInFile(
                    node.path("api_key"), "keys", "a variable and name it in api_key_env (e.g. api_key_env: LLM_KEY)");
        }
        LocalModelSettings.Provider provider = provider(node);
        String model = node.text("model")
                .filter(m -> !m.isBlank())
                .orElseThrow(() -> new ConfigException(node.path("model") + " is required: the model's name on"
                        + " its server, as its /v1/models or `ollama list` shows it"));
        String baseUrl = switch (provider) {
            case OLLAMA -> node.text("base_url").map(u -> url(node, u)).orElse(ollama.host());
            case OPENAI ->
                openAiRoot(url(
                        node,
                        node.text("base_url")
                                .orElseThrow(() -> new ConfigException(node.path("base_url")
                                        + " is required for provider openai, e.g. http://localhost:8080/v1 (llama.cpp)"
                                        + " or http://localhost:1234/v1 (LM Studio)"))));
        };
        Optional<Secret> key = apiKey(node, provider);
        ModelLimits limits = limits(node);
        int timeout = node.integer("timeout_seconds", (int) ollama.timeout().toSeconds());
        if (timeout < 1) {
            throw new ConfigException(node.path("timeout_seconds") + " must be at least 1, got " + timeout);
        }
        return new LocalModelSettings(
                provider,
                baseUrl,
                model,
                key,
                limits.contextTokens(),
                limits.maxTokens(),
                limits.temperature(),
                Duration.ofSeconds(timeout));
    }

    private static LocalModelSettings.Provider provider(YamlNode node) {
        String raw = node.text("provider").orElse("ollama").strip().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "ollama" -> LocalModelSettings.Provider.OLLAMA;
            case "openai" -> LocalModelSettings.Provider.OPENAI;
            default ->
                throw new ConfigException(node.path("provider") + " is '" + raw
                        + "'; use ollama (Ollama's API) or openai (any OpenAI-compatible server: llama.cpp, LM Studio,"
                        + " vLLM, Lemonade)");
        };
    }

    /** The key named by {@code api_key_env}; a name whose variable is unset is a mistake worth stopping for. */
    private Optional<Secret> apiKey(YamlNode node, LocalModelSettings.Provider provider) {
        Optional<String> variable = node.text("api_key_env");
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        if (provider != LocalModelSettings.Provider.OPENAI) {
            throw new ConfigException(node.path("api_key_env") + " is for provider openai; Ollama takes no key");
        }
        String name = variable.get().strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(node.path("api_key_env")
                    + " must be the name of an environment variable (letters, digits, _), not the key itself");
        }
        return Optional.of(env.get(name)
                .map(Secret::of)
                .orElseThrow(() -> new ConfigException(node.path("api_key_env") + " names " + name
                        + ", which is not set; export it, or remove api_key_env if the server needs no key")));
    }

    /** {@code context_tokens}, {@code max_tokens} and {@code temperature} of a model section, each optional. */
    static ModelLimits limits(YamlNode node) {
        OptionalInt context =
                node.has("context_tokens") ? OptionalInt.of(node.integer("context_tokens", 0)) : OptionalInt.empty();
        context.ifPresent(c -> {
            if (c < MIN_CONTEXT_TOKENS || c > MAX_CONTEXT_TOKENS) {
                throw new ConfigException(node.path("context_tokens") + " must be between " + MIN_CONTEXT_TOKENS
                        + " and " + MAX_CONTEXT_TOKENS + ", got " + c);
            }
        });
        OptionalInt maxTokens =
                node.has("max_tokens") ? OptionalInt.of(node.integer("max_tokens", 0)) : OptionalInt.empty();
        maxTokens.ifPresent(m -> {
            if (m < 1 || m > 128_000) {
                throw new ConfigException(node.path("max_tokens") + " must be between 1 and 128000, got " + m);
            }
        });
        return new ModelLimits(context, maxTokens, temperature(node));
    }

    /** {@code temperature} of a model section: 0 (most focused) to 2. */
    static OptionalDouble temperature(YamlNode node) {
        if (!node.has("temperature")) {
            return OptionalDouble.empty();
        }
        double t = node.number("temperature");
        if (!(t >= 0 && t <= 2)) {
            throw new ConfigException(node.path("temperature") + " must be between 0 and 2, got " + t);
        }
        return OptionalDouble.of(t);
    }

    private static String url(YamlNode node, String raw) {
        String value = raw.strip();
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !(value.startsWith("http://") || value.startsWith("https://"))) {
                throw new IllegalArgumentException();
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null) {
                throw new ConfigException(node.path("base_url")
                        + " must be a plain URL without credentials or query; a key goes in api_key_env");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    node.path("base_url") + " '" + raw + "' is not an http(s) URL; use e.g. http://localhost:8080/v1");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** The OpenAI API root: as given when it has a path (some servers serve it under /api/v1), else {@code /v1}. */
    private static String openAiRoot(String url) {
        String path = URI.create(url).getPath();
        return path == null || path.isEmpty() ? url + "/v1" : url;
    }
}
