package dev.knowledgerouter.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a Qdrant store lives and how its collections are created. {@code collectionPrefix} lets
 * several routers (or tests) share one Qdrant; the shard, replication and write-consistency numbers
 * only apply when a collection is created, so a cluster gets them from the first router that opens it.
 */
public record QdrantOptions(
        String host,
        int port,
        boolean tls,
        String collectionPrefix,
        int shards,
        int replicationFactor,
        int writeConsistencyFactor,
        Duration timeout) {
    public static final int DEFAULT_GRPC_PORT = 6334;
    public static final int REST_PORT = 6333;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public QdrantOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the Qdrant URL has no host; use e.g. http://localhost:6334");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the Qdrant port must be between 1 and 65535, got " + port);
        }
        collectionPrefix = collectionPrefix == null ? "" : collectionPrefix;
        if (!collectionPrefix.matches("[A-Za-z0-9_-]{0,32}")) {
            throw new IllegalArgumentException(
                    "the Qdrant collection prefix may hold letters, digits, '-' and '_' (at most 32), got '"
                            + collectionPrefix + "'");
        }
        if (shards < 1 || replicationFactor < 1 || writeConsistencyFactor < 1) {
            throw new IllegalArgumentException(
                    "Qdrant shards, replication factor and write consistency factor are at least 1");
        }
        if (writeConsistencyFactor > replicationFactor) {
            throw new IllegalArgumentException("the Qdrant write consistency factor (" + writeConsistencyFactor
                    + ") cannot exceed the replication factor (" + replicationFactor + ")");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Qdrant timeout must be positive");
        }
    }

    /** A single node at {@code url} ({@code http://host:6334}, {@code https://...} for TLS), with defaults. */
    public static QdrantOptions of(String url) {
        return parse(url, "", 1, 1, 1, DEFAULT_TIMEOUT);
    }

    public static QdrantOptions parse(
            String url,
            String prefix,
            int shards,
            int replicationFactor,
            int writeConsistencyFactor,
            Duration timeout) {
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url.strip() : "http://" + url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "QDRANT_URL '" + url + "' is not a URL; use e.g. http://localhost:6334", e);
        }
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("QDRANT_URL '" + url + "' must start with http:// or https://");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("QDRANT_URL must not carry credentials; set QDRANT_API_KEY instead");
        }
        int port = uri.getPort() == -1 ? DEFAULT_GRPC_PORT : uri.getPort();
        return new QdrantOptions(
                uri.getHost(),
                port,
                scheme.equals("https"),
                prefix,
                shards,
                replicationFactor,
                writeConsistencyFactor,
                timeout);
    }

    public QdrantOptions withCollectionPrefix(String prefix) {
        return new QdrantOptions(host, port, tls, prefix, shards, replicationFactor, writeConsistencyFactor, timeout);
    }

    /** The URL as a user would write it, for messages. */
    public String url() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
