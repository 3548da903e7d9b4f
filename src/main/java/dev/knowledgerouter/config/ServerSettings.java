package dev.knowledgerouter.config;

/** The HTTP listener and the limits it enforces on requests. */
public record ServerSettings(String host, int port, long maxBodyBytes, int maxQueryChars) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_QUERY_CHARS = 32_000;
}
