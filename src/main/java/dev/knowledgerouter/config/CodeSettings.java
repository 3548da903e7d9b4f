package dev.knowledgerouter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of codebase analysis ({@code code:} in kr.yaml).
 *
 * @param allowedRoots directories under which {@code POST /v1/repos} may analyse; a path elsewhere gets a 403
 * @param maxFileBytes files larger than this are skipped as data or generated code
 * @param summaryModel the Ollama model that writes summaries; empty means {@code ollama.model}
 * @param summaryBatchFiles files per summary request
 * @param summaryParallelism summary requests in flight at once
 * @param routingContext when analysed code is searched as context for queries
 * @param contextHits how many code nodes a query gets as context at most
 * @param embedder which model embeds the code collections
 */
public record CodeSettings(
        List<Path> allowedRoots,
        long maxFileBytes,
        Optional<String> summaryModel,
        int summaryBatchFiles,
        int summaryParallelism,
        RoutingContext routingContext,
        int contextHits,
        CodeEmbedder embedder) {
    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    /** When code collections serve as context for queries. */
    public enum RoutingContext {
        /** Never: code is reached through {@code kr code-search} only. */
        OFF,
        /** When the query names an analysed repository ("in knowledge-router, where is ..."). */
        NAMED,
        /** For every query, from every analysed repository. */
        ALWAYS;

        public static RoutingContext parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("code.routing_context must be off, named or always, got '" + value + "'");
            }
        }
    }

    /** Which model embeds code ({@code code.embedder}, {@code KR_CODE_EMBEDDER}). */
    public enum CodeEmbedder {
        /** The bundled all-MiniLM-L6-v2: faster to index with, and better on code search, than bge-small. */
        MINILM,
        /** The embedder {@code embedder:} names for the knowledge collections: one model for everything. */
        KNOWLEDGE;

        public static CodeEmbedder parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "minilm", "all-minilm-l6-v2" -> MINILM;
                case "knowledge", "same" -> KNOWLEDGE;
                default ->
                    throw new ConfigException("code.embedder must be minilm (the bundled all-MiniLM-L6-v2, the"
                            + " default) or knowledge (the model `embedder:` names, for every collection), got '"
                            + value + "'");
            };
        }
    }

    public CodeSettings {
        allowedRoots =
                allowedRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        if (maxFileBytes < 1) {
            throw new ConfigException("code.max_file_kb must be positive");
        }
        if (summaryBatchFiles < 1 || summaryParallelism < 1) {
            throw new ConfigException("code.summary_batch_files and code.summary_parallelism must be at least 1");
        }
        if (contextHits < 1) {
            throw new ConfigException("code.context_hits must be at least 1");
        }
    }

    /**
     * Analysis allowed under the user's home directory; summaries in batches of 4 files, 2 at a time; code as
     * context when named.
     */
    public static CodeSettings defaults() {
        return new CodeSettings(
                List.of(Path.of(System.getProperty("user.home"))),
                DEFAULT_MAX_FILE_BYTES,
                Optional.empty(),
                4,
                2,
                RoutingContext.NAMED,
                3,
                CodeEmbedder.MINILM);
    }

    public CodeSettings withAllowedRoots(List<Path> roots) {
        return new CodeSettings(
                roots,
                maxFileBytes,
                summaryModel,
                summaryBatchFiles,
                summaryParallelism,
                routingContext,
                contextHits,
                embedder);
    }

    public CodeSettings withEmbedder(CodeEmbedder other) {
        return new CodeSettings(
                allowedRoots,
                maxFileBytes,
                summaryModel,
                summaryBatchFiles,
                summaryParallelism,
                routingContext,
                contextHits,
                other);
    }
}
