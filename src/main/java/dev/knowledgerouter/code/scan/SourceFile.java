package dev.knowledgerouter.code.scan;

import dev.knowledgerouter.code.syntax.Language;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to analyse. The hash lets re-analysis skip files whose content has not changed.
 *
 * @param relativePath path from the repository root
 * @param bytes size of the content that was hashed
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record SourceFile(Path relativePath, Language language, long bytes, String sha256) {
    public SourceFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(sha256, "sha256");
        if (relativePath.isAbsolute()) {
            throw new IllegalArgumentException("relativePath must be relative to the repository root: " + relativePath);
        }
    }
}
