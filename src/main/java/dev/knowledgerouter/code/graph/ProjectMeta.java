package dev.knowledgerouter.code.graph;

import java.util.List;

/**
 * The {@code project} block of the graph file.
 *
 * @param analyzedAt ISO-8601 instant
 * @param gitCommitHash the checked-out commit when the root is a git work tree, else empty
 */
public record ProjectMeta(
        String name,
        List<String> languages,
        List<String> frameworks,
        String description,
        String analyzedAt,
        String gitCommitHash) {
    public ProjectMeta {
        languages = List.copyOf(languages);
        frameworks = List.copyOf(frameworks);
        description = description == null ? "" : description;
        gitCommitHash = gitCommitHash == null ? "" : gitCommitHash;
    }
}
