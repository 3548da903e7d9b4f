package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which store keeps the knowledge: the embedded Lucene indexes under {@code $KR_HOME}, or a Qdrant
 * server or cluster. The shard, replication and write-consistency numbers apply when kr creates a
 * collection in Qdrant.
 */
public record StoreSettings(
        Kind kind,
        String qdrantUrl,
        Optional<Secret> qdrantApiKey,
        String collectionPrefix,
        int shards,
        int replicationFactor,
        int writeConsistencyFactor,
        Duration timeout) {
    public static final String DEFAULT_QDRANT_URL = "http://localhost:6334";

    public enum Kind {
        LUCENE,
        QDRANT;

        public static Kind parse(String raw) {
            return switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "lucene", "embedded" -> LUCENE;
                case "qdrant" -> QDRANT;
                default -> throw new ConfigException("store must be lucene or qdrant, got '" + raw + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static StoreSettings defaults() {
        return new StoreSettings(
                Kind.LUCENE, DEFAULT_QDRANT_URL, Optional.empty(), "", 1, 1, 1, Duration.ofSeconds(10));
    }

    public StoreSettings withKind(Kind other) {
        return new StoreSettings(
                other,
                qdrantUrl,
                qdrantApiKey,
                collectionPrefix,
                shards,
                replicationFactor,
                writeConsistencyFactor,
                timeout);
    }
}
