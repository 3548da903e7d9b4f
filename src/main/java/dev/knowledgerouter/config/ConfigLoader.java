package dev.knowledgerouter.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code kr.yaml} (optional) and the environment into a validated {@link KrConfig}. The
 * environment wins over the file. Unknown keys are refused rather than ignored: a typo in a threshold
 * must not silently leave the default in force.
 */
public final class ConfigLoader {
    /** Below this cosine, bge-small matches are mostly unrelated (calibration: median 0.69 for unanswerable queries). */
    public static final double DEFAULT_CONTEXT_MIN_SCORE = 0.70;

    private final Path workDir;
    private final Map<String, String> env;

    public ConfigLoader(Path workDir, Map<String, String> env) {
        this.workDir = workDir;
        this.env = env;
    }

    public static KrConfig fromEnvironment() {
        return new ConfigLoader(Path.of("").toAbsolutePath(), System.getenv()).load();
    }

    /** The kr.yaml this process reads ({@code KR_CONFIG}, else the working directory's), whether or not it exists. */
    public static Path fileFromEnvironment() {
        return new ConfigLoader(Path.of("").toAbsolutePath(), System.getenv()).file();
    }

    public Path file() {
        return env("KR_CONFIG").map(this::resolve).orElse(workDir.resolve("kr.yaml"));
    }

    public KrConfig load() {
        Path file = file();
        if (env("KR_CONFIG").isPresent() && !Files.isRegularFile(file)) {
            throw new ConfigException(
                    "KR_CONFIG points to " + file + ", which does not exist; fix the path or unset KR_CONFIG");
        }
        Node root = Files.isRegularFile(file)
                ? Node.root(read(file), file.getFileName().toString())
                : Node.empty();
        root.allowOnly(
                "home",
                "app_dir",
                "collections_dir",
                "seed_dir",
                "server",
                "ollama",
                "claude",
                "routing",
                "escalation",
                "code",
                "store",
                "embedder",
                "qdrant",
                "mcp",
                "knowledge");

        Path appDir = env("KR_APP_DIR")
                .map(this::resolve)
                .orElse(root.text("app_dir").map(this::resolve).orElse(workDir));
        Path home = env("KR_HOME")
                .map(this::resolve)
                .orElse(root.text("home").map(this::resolve).orElse(workDir.resolve("data")));
        Path collections = root.text("collections_dir").map(this::resolve).orElse(appDir.resolve("collections"));
        Path seeds = root.text("seed_dir").map(this::resolve).orElse(appDir.resolve("seed-data"));

        return new KrConfig(
                        home.normalize(),
                        collections.normalize(),
                        seeds.normalize(),
                        server(root.child("server")),
                        ollama(root.child("ollama")),
                        claude(root.child("claude")),
                        routing(root.child("routing")),
                        cost(root.child("claude")),
                        escalation(root.child("escalation")),
                        code(root.child("code")),
                        store(root),
                        embedder(root, root.child("ollama")))
                .withMcp(mcp(root.child("mcp")))
                .withKnowledge(knowledge(root.child("knowledge")));
    }

    private McpSettings mcp(Node node) {
        node.allowOnly("max_sessions", "session_idle_minutes", "max_initialize_kb");
        McpSettings d = McpSettings.defaults();
        int sessions = node.integer("max_sessions", d.maxSessions());
        int idleMinutes =
                node.integer("session_idle_minutes", (int) d.sessionIdle().toMinutes());
        int initializeKb = node.integer("max_initialize_kb", d.maxInitializeBytes() / 1024);
        try {
            return new McpSettings(sessions, Duration.ofMinutes(idleMinutes), Math.multiplyExact(initializeKb, 1024));
        } catch (ArithmeticException e) {
            throw new ConfigException(node.path("max_initialize_kb") + " must be between 1 and "
                    + McpSettings.MAX_INITIALIZE_BYTES_LIMIT / 1024 + ", got " + initializeKb);
        } catch (ConfigException e) {
            throw new ConfigException(node.file() + ": " + e.getMessage());
        }
    }

    private static KnowledgeSettings knowledge(Node node) {
        node.allowOnly("allow_replace", "share_interactions");
        KnowledgeSettings d = KnowledgeSettings.defaults();
        return new KnowledgeSettings(
                flag(node, "allow_replace", d.allowReplace()), flag(node, "share_interactions", d.shareInteractions()));
    }

    /** A yes/no setting: YAML's true or false, never a string that merely looks like one. */
    private static boolean flag(Node node, String key, boolean fallback) {
        if (!node.has(key)) {
            return fallback;
        }
        JsonNode v = node.json().get(key);
        if (!v.isBoolean()) {
            throw new ConfigException(node.path(key) + " must be true or false, got '" + v.asText() + "'");
        }
        return v.asBoolean();
    }

    private StoreSettings store(Node root) {
        StoreSettings d = StoreSettings.defaults();
        StoreSettings.Kind kind = env("KR_STORE")
                .or(() -> root.text("store"))
                .map(StoreSettings.Kind::parse)
                .orElse(d.kind());
        Node q = root.child("qdrant");
        q.allowOnly(
                "url",
                "api_key",
                "collection_prefix",
                "shards",
                "replication_factor",
                "write_consistency_factor",
                "timeout_seconds");
        if (q.has("api_key")) {
            throw new ConfigException(
                    q.path("api_key")
                            + " is not read from files, so that keys never land in a repository; set QDRANT_API_KEY in the environment instead");
        }
        String url = env("QDRANT_URL").orElse(q.text("url").orElse(d.qdrantUrl()));
        int timeout = q.integer("timeout_seconds", (int) d.timeout().toSeconds());
        StoreSettings s = new StoreSettings(
                kind,
                url,
                env("QDRANT_API_KEY").map(Secret::of),
                q.text("collection_prefix").orElse(""),
                q.integer("shards", 1),
                q.integer("replication_factor", 1),
                q.integer("write_consistency_factor", 1),
                Duration.ofSeconds(Math.max(1, timeout)));
        try {
            QdrantOptions.parse(
                    s.qdrantUrl(),
                    s.collectionPrefix(),
                    s.shards(),
                    s.replicationFactor(),
                    s.writeConsistencyFactor(),
                    s.timeout());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(q.path("") + ": " + e.getMessage());
        }
        return s;
    }

    private EmbedderSettings embedder(Node root, Node ollama) {
        EmbedderSettings d = EmbedderSettings.defaults();
        EmbedderSettings.Kind kind = env("KR_EMBEDDER")
                .or(() -> root.text("embedder"))
                .map(EmbedderSettings.Kind::parse)
                .orElse(d.kind());
        String model =
                env("OLLAMA_EMBED_MODEL").orElse(ollama.text("embedding_model").orElse(d.ollamaModel()));
        Optional<Integer> dimension = ollama.has("embedding_dimension")
                ? Optional.of(ollama.integer("embedding_dimension", 0))
                : Optional.empty();
        if (dimension.isPresent() && (dimension.get() < 1 || dimension.get() > 16384)) {
            throw new ConfigException(
                    ollama.path("embedding_dimension") + " must be between 1 and 16384, got " + dimension.get());
        }
        return new EmbedderSettings(kind, model, dimension);
    }

    private CodeSettings code(Node node) {
        node.allowOnly(
                "allowed_roots",
                "max_file_kb",
                "summary_model",
                "summary_batch_files",
                "summary_parallelism",
                "routing_context",
                "context_hits");
        CodeSettings defaults = CodeSettings.defaults();
        if (node.json().path("allowed_roots").isArray()) {
            node.json().get("allowed_roots").forEach(e -> {
                if (e.isNull()) {
                    throw new ConfigException(
                            node.path("allowed_roots")
                                    + " holds a bare ~, which YAML reads as null; write \"~\" (in quotes) for your home directory");
                }
            });
        }
        List<Path> roots = node.has("allowed_roots")
                ? node.strings("allowed_roots").stream()
                        .map(this::resolveUserPath)
                        .toList()
                : defaults.allowedRoots();
        int maxKb = node.integer("max_file_kb", (int) (defaults.maxFileBytes() / 1024));
        if (maxKb < 1) {
            throw new ConfigException(node.path("max_file_kb") + " must be at least 1, got " + maxKb);
        }
        try {
            return new CodeSettings(
                    roots,
                    maxKb * 1024L,
                    node.text("summary_model").filter(m -> !m.isBlank()),
                    node.integer("summary_batch_files", defaults.summaryBatchFiles()),
                    node.integer("summary_parallelism", defaults.summaryParallelism()),
                    node.text("routing_context")
                            .map(CodeSettings.RoutingContext::parse)
                            .orElse(defaults.routingContext()),
                    node.integer("context_hits", defaults.contextHits()));
        } catch (ConfigException e) {
            throw new ConfigException(node.path("") + ": " + e.getMessage());
        }
    }

    /** A path from kr.yaml: {@code ~} is the user's home, relative paths are relative to the working directory. */
    private Path resolveUserPath(String raw) {
        if (raw.equals("~") || raw.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"))
                    .resolve(raw.length() > 2 ? raw.substring(2) : "")
                    .normalize();
        }
        return resolve(raw);
    }

    private ServerSettings server(Node node) {
        node.allowOnly(
                "host", "port", "max_body_kb", "max_query_chars", "api_token", "allowed_hosts", "allowed_origins");
        if (node.has("api_token")) {
            throw new ConfigException(
                    node.path("api_token")
                            + " is not read from files, so that tokens never land in a repository; set KR_API_TOKEN in the environment instead");
        }
        String host = env("KR_BIND").orElse(node.text("host").orElse(ServerSettings.DEFAULT_HOST));
        int port = env("KR_PORT")
                .map(v -> parsePort("KR_PORT", v))
                .orElse(node.integer("port", ServerSettings.DEFAULT_PORT));
        if (port < 0 || port > 65535) {
            throw new ConfigException(node.path("port") + " must be a TCP port between 0 and 65535, got " + port);
        }
        int bodyKb = node.integer("max_body_kb", (int) (ServerSettings.DEFAULT_MAX_BODY_BYTES / 1024));
        int queryChars = node.integer("max_query_chars", ServerSettings.DEFAULT_MAX_QUERY_CHARS);
        if (bodyKb < 1 || queryChars < 1) {
            throw new ConfigException("server.max_body_kb and server.max_query_chars must be positive");
        }
        return new ServerSettings(
                host,
                port,
                bodyKb * 1024L,
                queryChars,
                env("KR_API_TOKEN").map(Secret::of),
                entries(node, "allowed_hosts", "KR_ALLOWED_HOSTS", HostPort::parse, "[kr.example.com]"),
                entries(
                        node,
                        "allowed_origins",
                        "KR_ALLOWED_ORIGINS",
                        WebOrigin::parse,
                        "[\"http://localhost:5173\"]"));
    }

    /** A list from the environment (comma-separated; it wins) or kr.yaml, parsed; a bad entry names its key. */
    private <T> List<T> entries(Node node, String key, String envKey, Function<String, T> parse, String example) {
        Optional<String> fromEnv = env(envKey);
        if (fromEnv.isEmpty() && node.has(key) && !node.json().get(key).isArray()) {
            throw new ConfigException(node.path(key) + " must be a list, e.g. " + key + ": " + example);
        }
        List<String> raw = fromEnv.map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(e -> !e.isEmpty())
                        .toList())
                .orElseGet(() -> node.strings(key));
        List<T> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                out.add(parse.apply(raw.get(i)));
            } catch (IllegalArgumentException e) {
                String where = fromEnv.isPresent() ? envKey : node.path(key) + "[" + i + "]";
                throw new ConfigException(where + ": " + e.getMessage());
            }
        }
        return out;
    }

    private OllamaSettings ollama(Node node) {
        node.allowOnly(
                "host",
                "model",
                "timeout_seconds",
                "fallback_models",
                "max_concurrent",
                "max_queued",
                "embedding_model",
                "embedding_dimension");
        String host = ollamaHost(env("OLLAMA_HOST").orElse(node.text("host").orElse(OllamaSettings.DEFAULT_HOST)));
        List<String> fallbacks = env("OLLAMA_FALLBACK_MODELS")
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(m -> !m.isEmpty())
                        .toList())
                .orElse(node.strings("fallback_models"));
        String model = env("OLLAMA_MODEL").orElse(node.text("model").orElse(OllamaSettings.DEFAULT_MODEL));
        int timeout = node.integer("timeout_seconds", 120);
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

    private ClaudeSettings claude(Node node) {
        node.allowOnly(
                "model",
                "base_url",
                "max_tokens",
                "timeout_seconds",
                "api_key",
                "max_calls_per_hour",
                "daily_budget_usd",
                "monthly_budget_usd",
                "pricing");
        if (node.has("api_key")) {
            throw new ConfigException(
                    node.path("api_key")
                            + " is not read from files, so that keys never land in a repository; set ANTHROPIC_API_KEY in the environment instead");
        }
        Optional<Secret> key = env("ANTHROPIC_API_KEY")
                .filter(k -> !k.isBlank())
                .map(String::strip)
                .map(Secret::of);
        String model = env("KR_CLAUDE_MODEL").orElse(node.text("model").orElse(ClaudeSettings.DEFAULT_MODEL));
        String baseUrl =
                env("ANTHROPIC_BASE_URL").orElse(node.text("base_url").orElse(ClaudeSettings.DEFAULT_BASE_URL));
        checkHttpUrl(env("ANTHROPIC_BASE_URL").isPresent() ? "ANTHROPIC_BASE_URL" : node.path("base_url"), baseUrl);
        int maxTokens = node.integer("max_tokens", 2048);
        int timeout = node.integer("timeout_seconds", 120);
        if (maxTokens < 1 || maxTokens > 128_000) {
            throw new ConfigException(node.path("max_tokens") + " must be between 1 and 128000, got " + maxTokens);
        }
        if (timeout < 1) {
            throw new ConfigException(node.path("timeout_seconds") + " must be at least 1, got " + timeout);
        }
        return new ClaudeSettings(key, model, stripTrailingSlash(baseUrl), maxTokens, Duration.ofSeconds(timeout));
    }

    private CostSettings cost(Node node) {
        int cap = env("KR_CLAUDE_MAX_CALLS_PER_HOUR")
                .map(v -> parseCount("KR_CLAUDE_MAX_CALLS_PER_HOUR", v))
                .orElse(node.integer("max_calls_per_hour", CostSettings.DEFAULT_MAX_CALLS_PER_HOUR));
        if (cap < 0) {
            throw new ConfigException(node.path("max_calls_per_hour") + " must be 0 (Claude off) or more, got " + cap);
        }
        Map<String, Price> pricing = new LinkedHashMap<>(CostSettings.defaultPricing());
        Node prices = node.child("pricing");
        for (String model : prices.keys()) {
            Node p = prices.child(model);
            p.allowOnly("input_per_million", "output_per_million");
            try {
                pricing.put(model, new Price(p.number("input_per_million"), p.number("output_per_million")));
            } catch (ConfigException e) {
                throw new ConfigException(p.path("") + ": " + e.getMessage());
            }
        }
        return new CostSettings(
                cap,
                budget(node, "daily_budget_usd"),
                budget(node, "monthly_budget_usd"),
                pricing,
                env("KR_CLAUDE_MODEL").orElse(node.text("model").orElse(ClaudeSettings.DEFAULT_MODEL)));
    }

    private static Optional<Double> budget(Node node, String key) {
        if (!node.has(key)) {
            return Optional.empty();
        }
        double v = node.number(key);
        if (v < 0) {
            throw new ConfigException(node.path(key) + " must not be negative, got " + v);
        }
        return Optional.of(v);
    }

    private EscalationSettings escalation(Node node) {
        node.allowOnly("local_failures", "critical_task_types", "context_bar");
        EscalationSettings d = EscalationSettings.defaults();
        int failures = node.integer("local_failures", d.localFailures());
        if (failures < 1) {
            throw new ConfigException(node.path("local_failures") + " must be at least 1, got " + failures);
        }
        Set<String> critical = node.has("critical_task_types")
                ? Set.copyOf(node.strings("critical_task_types"))
                : d.criticalTaskTypes();
        double bar = node.has("context_bar") ? node.number("context_bar") : d.contextBar();
        if (bar < -1 || bar > 1) {
            throw new ConfigException(node.path("context_bar") + " is a cosine between -1 and 1, got " + bar);
        }
        return new EscalationSettings(failures, critical, bar);
    }

    private RoutingSettings routing(Node node) {
        node.allowOnly("default_profile", "context_k", "context_min_score", "retrieval", "profiles", "learning");
        Map<String, RoutingProfile> profiles = new LinkedHashMap<>(DefaultProfiles.forBgeSmall());
        Node defined = node.child("profiles");
        for (String name : defined.keys()) {
            Node list = defined.child(name);
            List<LocalRule> rules = new ArrayList<>();
            for (Node rule : list.elements()) {
                rule.allowOnly("relevance_above", "complexity_below");
                if (!rule.has("complexity_below")) {
                    throw new ConfigException(rule.path("complexity_below") + " is required");
                }
                try {
                    rules.add(new LocalRule(rule.number("relevance_above"), rule.integer("complexity_below", 0)));
                } catch (ConfigException e) {
                    throw new ConfigException(rule.path("") + " " + e.getMessage());
                }
            }
            profiles.put(name, new RoutingProfile(name, rules));
        }
        String defaultProfile = node.text("default_profile").orElse("default");
        int k = node.integer("context_k", 5);
        double minScore = node.has("context_min_score") ? node.number("context_min_score") : DEFAULT_CONTEXT_MIN_SCORE;
        if (k < 1 || k > 50) {
            throw new ConfigException(node.path("context_k") + " must be between 1 and 50, got " + k);
        }
        if (minScore < -1 || minScore > 1) {
            throw new ConfigException(
                    node.path("context_min_score") + " is a cosine between -1 and 1 (e.g. 0.70), got " + minScore);
        }
        String retrieval =
                env("KR_RETRIEVAL").orElse(node.text("retrieval").orElse(RoutingSettings.DEFAULT_RETRIEVAL_MODE));
        Node l = node.child("learning");
        l.allowOnly(
                "k",
                "min_similarity",
                "min_evidence",
                "fail_below",
                "succeed_above",
                "target_success_rate",
                "min_tuning_sample");
        LearningSettings d = LearningSettings.defaults();
        LearningSettings learning = new LearningSettings(
                l.integer("k", d.k()),
                l.has("min_similarity") ? l.number("min_similarity") : d.minSimilarity(),
                l.integer("min_evidence", d.minEvidence()),
                l.has("fail_below") ? l.number("fail_below") : d.failBelow(),
                l.has("succeed_above") ? l.number("succeed_above") : d.succeedAbove(),
                l.has("target_success_rate") ? l.number("target_success_rate") : d.targetSuccessRate(),
                l.integer("min_tuning_sample", d.minTuningSample()));
        return new RoutingSettings(defaultProfile, profiles, k, minScore, retrieval.toLowerCase(Locale.ROOT), learning);
    }

    /** Accepts Ollama's own forms ({@code 0.0.0.0:11434}, {@code localhost}) as well as full URLs. */
    static String ollamaHost(String raw) {
        String value = raw.strip();
        if (!value.contains("://")) {
            value = "http://" + value;
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "OLLAMA_HOST '" + raw + "' is not a host or URL; use e.g. http://localhost:11434");
        }
        if (uri.getHost() == null) {
            throw new ConfigException("OLLAMA_HOST '" + raw + "' has no host name; use e.g. http://localhost:11434");
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigException(
                    "OLLAMA_HOST must not carry credentials (user:password@); put an authenticating proxy's credentials elsewhere");
        }
        String host = uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() == -1 ? 11434 : uri.getPort();
        return uri.getScheme() + "://" + host + ":" + port;
    }

    private static void checkHttpUrl(String key, String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException();
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null) {
                throw new ConfigException(key
                        + " must be a plain URL without credentials or query (the key comes from ANTHROPIC_API_KEY)");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key + " '" + url + "' is not an http(s) URL; use e.g. " + ClaudeSettings.DEFAULT_BASE_URL);
        }
    }

    private static String stripTrailingSlash(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.endsWith("/v1") ? u.substring(0, u.length() - 3) : u;
    }

    private static int parseCount(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number such as 50, got '" + value + "'");
        }
    }

    private static int parsePort(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a port number such as 8080, got '" + value + "'");
        }
    }

    private Optional<String> env(String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private Path resolve(String path) {
        Path p = path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
        return workDir.resolve(p).toAbsolutePath();
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = new YAMLMapper().readTree(file.toFile());
            return node == null || node.isMissingNode() || node.isNull()
                    ? YAMLMapper.builder().build().createObjectNode()
                    : node;
        } catch (JacksonException e) {
            String line =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(file + " is not valid YAML" + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A position in the YAML tree that knows its dotted path, so every error names the key. */
    private record Node(JsonNode json, String path, String file) {
        static Node root(JsonNode json, String file) {
            if (!json.isObject()) {
                throw new ConfigException(file + " must be a mapping of keys (home, server, ollama, claude, routing)");
            }
            return new Node(json, "", file);
        }

        static Node empty() {
            return new Node(YAMLMapper.builder().build().createObjectNode(), "", "kr.yaml");
        }

        String path(String key) {
            if (key.isEmpty()) {
                return file + ": " + path;
            }
            return file + ": " + (path.isEmpty() ? key : path + "." + key);
        }

        boolean has(String key) {
            return json.has(key) && !json.get(key).isNull();
        }

        void allowOnly(String... keys) {
            List<String> allowed = List.of(keys);
            json.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    throw new ConfigException(
                            path(k) + " is not a known key; known keys here: " + String.join(", ", allowed));
                }
            });
        }

        Node child(String key) {
            if (!has(key)) {
                return new Node(
                        YAMLMapper.builder().build().createObjectNode(), path.isEmpty() ? key : path + "." + key, file);
            }
            JsonNode c = json.get(key);
            if (!c.isObject() && !c.isArray()) {
                throw new ConfigException(path(key) + " must be a mapping or a list, got '" + c.asText() + "'");
            }
            return new Node(c, path.isEmpty() ? key : path + "." + key, file);
        }

        List<String> keys() {
            List<String> out = new ArrayList<>();
            json.fieldNames().forEachRemaining(out::add);
            return out;
        }

        List<Node> elements() {
            if (!json.isArray()) {
                throw new ConfigException(
                        file + ": " + path + " must be a list of {relevance_above, complexity_below} rules");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                JsonNode e = json.get(i);
                if (!e.isObject()) {
                    throw new ConfigException(file + ": " + path + "[" + i
                            + "] must be a mapping such as {relevance_above: 0.8, complexity_below: 4}");
                }
                out.add(new Node(e, path + "[" + i + "]", file));
            }
            return out;
        }

        List<String> strings(String key) {
            if (!has(key)) {
                return List.of();
            }
            JsonNode v = json.get(key);
            if (!v.isArray()) {
                throw new ConfigException(path(key) + " must be a list, e.g. [llama3.2:3b, qwen2.5-coder:1.5b]");
            }
            List<String> out = new ArrayList<>();
            v.forEach(e -> {
                if (!e.isTextual() || e.asText().isBlank()) {
                    throw new ConfigException(path(key) + " must list names, got " + e);
                }
                out.add(e.asText());
            });
            return out;
        }

        Optional<String> text(String key) {
            if (!has(key)) {
                return Optional.empty();
            }
            JsonNode v = json.get(key);
            if (!v.isValueNode()) {
                throw new ConfigException(path(key) + " must be a single value");
            }
            return Optional.of(v.asText());
        }

        int integer(String key, int fallback) {
            if (!has(key)) {
                return fallback;
            }
            JsonNode v = json.get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ConfigException(path(key) + " must be a whole number, got '" + v.asText() + "'");
            }
            return v.asInt();
        }

        double number(String key) {
            if (!has(key)) {
                throw new ConfigException(path(key) + " is required");
            }
            JsonNode v = json.get(key);
            if (!v.isNumber()) {
                throw new ConfigException(path(key) + " must be a number, got '" + v.asText() + "'");
            }
            return v.asDouble();
        }
    }
}
