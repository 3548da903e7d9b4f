package dev.knowledgerouter.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which model embeds text: the in-process bge-small (no server needed), or an Ollama embedding
 * model ({@code nomic-embed-text} by default) on the configured Ollama host. The dimension of a
 * model kr does not know must be given.
 *
 * @param queryCacheEntries how many distinct query texts keep their vector in memory, so that asking the
 *     same text again does not run the model ({@code query_embedding_cache}); 0 turns the cache off
 */
public record EmbedderSettings(Kind kind, String ollamaModel, Optional<Integer> dimension, int queryCacheEntries) {
    public static final String DEFAULT_OLLAMA_MODEL = "nomic-embed-text";
    public static final int DEFAULT_QUERY_CACHE_ENTRIES = 1024;
    /** A million vectors of 384 floats is 1.5 GB: more would be a typo, not a plan. */
    public static final int MAX_QUERY_CACHE_ENTRIES = 1_000_000;

    public EmbedderSettings {
        if (queryCacheEntries < 0 || queryCacheEntries > MAX_QUERY_CACHE_ENTRIES) {
            throw new ConfigException("query_embedding_cache must be between 0 (off) and " + MAX_QUERY_CACHE_ENTRIES
                    + " query texts, got " + queryCacheEntries);
        }
    }

    /** Settings with the default query cache. */
    public EmbedderSettings(Kind kind, String ollamaModel, Optional<Integer> dimension) {
        this(kind, ollamaModel, dimension, DEFAULT_QUERY_CACHE_ENTRIES);
    }

    public enum Kind {
        LOCAL,
        OLLAMA;

        public static Kind parse(String raw) {
            return switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "local", "in-process", "inprocess" -> LOCAL;
                case "ollama" -> OLLAMA;
                default -> throw new ConfigException("embedder must be local or ollama, got '" + raw + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static EmbedderSettings defaults() {
        return new EmbedderSettings(Kind.LOCAL, DEFAULT_OLLAMA_MODEL, Optional.empty());
    }

    public EmbedderSettings withKind(Kind other) {
        return new EmbedderSettings(other, ollamaModel, dimension, queryCacheEntries);
    }

    public EmbedderSettings withQueryCacheEntries(int entries) {
        return new EmbedderSettings(kind, ollamaModel, dimension, entries);
    }
}
