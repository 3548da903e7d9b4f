package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads what the server accepts: {@code server:} (listener, limits, trusted hosts and origins) and {@code mcp:}. */
final class ServerSections {
    private final ConfigEnvironment env;

    ServerSections(ConfigEnvironment env) {
        this.env = env;
    }

    ServerSettings server(YamlNode node) {
        node.allowOnly(
                "host", "port", "max_body_kb", "max_query_chars", "api_token", "allowed_hosts", "allowed_origins");
        if (node.has("api_token")) {
            throw ConfigValues.secretInFile(node.path("api_token"), "tokens", "KR_API_TOKEN");
        }
        String host = env.get("KR_BIND").orElse(node.text("host").orElse(ServerSettings.DEFAULT_HOST));
        int port = env.get("KR_PORT")
                .map(v -> ConfigValues.port("KR_PORT", v))
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
                env.get("KR_API_TOKEN").map(Secret::of),
                entries(node, "allowed_hosts", "KR_ALLOWED_HOSTS", HostPort::parse, "[kr.example.com]"),
                entries(
                        node,
                        "allowed_origins",
                        "KR_ALLOWED_ORIGINS",
                        WebOrigin::parse,
                        "[\"http://localhost:5173\"]"));
    }

    /** A list from the environment (comma-separated; it wins) or kr.yaml, parsed; a bad entry names its key. */
    private <T> List<T> entries(YamlNode node, String key, String envKey, Function<String, T> parse, String example) {
        Optional<List<String>> fromEnv = env.list(envKey);
        if (fromEnv.isEmpty() && node.has(key) && !node.json().get(key).isArray()) {
            throw new ConfigException(node.path(key) + " must be a list, e.g. " + key + ": " + example);
        }
        List<String> raw = fromEnv.orElseGet(() -> node.strings(key));
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

    McpSettings mcp(YamlNode node) {
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
}
