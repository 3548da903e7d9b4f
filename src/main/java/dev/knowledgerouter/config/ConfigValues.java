package dev.knowledgerouter.config;

import java.net.URI;

/** Parsers for values given as text, in kr.yaml or the environment; each refusal names the key and the fix. */
final class ConfigValues {
    private ConfigValues() {}

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
            throw new ConfigException("OLLAMA_HOST must not carry credentials (user:password@);"
                    + " put an authenticating proxy's credentials elsewhere");
        }
        String host = uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() == -1 ? 11434 : uri.getPort();
        return uri.getScheme() + "://" + host + ":" + port;
    }

    /**
     * Claude's base URL as the SDKs read {@code ANTHROPIC_BASE_URL}: a plain http(s) URL, kept without
     * a trailing slash or {@code /v1}.
     */
    static String claudeBaseUrl(String key, String url) {
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
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return u.endsWith("/v1") ? u.substring(0, u.length() - 3) : u;
    }

    static int count(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number such as 50, got '" + value + "'");
        }
    }

    static int port(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a port number such as 8080, got '" + value + "'");
        }
    }

    /** The message for a secret found in a file: secrets come from the environment only. */
    static ConfigException secretInFile(String where, String what, String variable) {
        return new ConfigException(where + " is not read from files, so that " + what
                + " never land in a repository; set " + variable + " in the environment instead");
    }
}
