package dev.knowledgerouter.code.syntax;

import java.util.List;

/**
 * Resolves the imports of one language against the repository, by that language's rules only (no
 * model, no guessing across languages). Built once per analysis from {@link RepositoryFiles}.
 */
public interface ImportResolver {

    ImportTarget resolve(FileExtraction from, ImportRef ref);

    /**
     * Files whose top-level declarations are visible in {@code from} without an import: the other files
     * of the same Java package or Go package directory. Used to resolve supertypes and calls by name.
     */
    default List<String> implicitlyVisible(FileExtraction from) {
        return List.of();
    }
}
