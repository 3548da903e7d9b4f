package dev.knowledgerouter.config;

import java.nio.file.Path;
import java.util.List;

/** Reads {@code code:}: where repositories may be analysed, and how their code is summarised and used as context. */
final class CodeSection {
    private final ConfigEnvironment env;

    CodeSection(ConfigEnvironment env) {
        this.env = env;
    }

    CodeSettings code(YamlNode node) {
        node.allowOnly(
                "allowed_roots",
                "max_file_kb",
                "summary_model",
                "summary_batch_files",
                "summary_parallelism",
                "routing_context",
                "context_hits",
                "embedder");
        CodeSettings defaults = CodeSettings.defaults();
        if (node.json().path("allowed_roots").isArray()) {
            node.json().get("allowed_roots").forEach(e -> {
                if (e.isNull()) {
                    throw new ConfigException(node.path("allowed_roots") + " holds a bare ~, which YAML reads as null;"
                            + " write \"~\" (in quotes) for your home directory");
                }
            });
        }
        List<Path> roots = node.has("allowed_roots")
                ? node.strings("allowed_roots").stream().map(env::userPath).toList()
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
                    node.integer("context_hits", defaults.contextHits()),
                    env.get("KR_CODE_EMBEDDER")
                            .or(() -> node.text("embedder"))
                            .map(CodeSettings.CodeEmbedder::parse)
                            .orElse(defaults.embedder()));
        } catch (ConfigException e) {
            throw new ConfigException(node.path("") + ": " + e.getMessage());
        }
    }
}
