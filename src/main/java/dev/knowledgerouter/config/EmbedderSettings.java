package dev.knowledgerouter.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which model embeds text: the in-process bge-small (no server needed), or an Ollama embedding
 * model ({@code nomic-embed-text} by default) on the configured Ollama host. The dimension of a
 * model kr does not know must be given.
 */
public record EmbedderSettings(Kind kind, String ollamaModel, Optional<Integer> dimension) {
    public static final String DEFAULT_OLLAMA_MODEL = "nomic-embed-text";

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
        return new EmbedderSettings(other, ollamaModel, dimension);
    }
}
