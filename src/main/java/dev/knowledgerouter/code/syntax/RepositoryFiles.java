package dev.knowledgerouter.code.syntax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The repository as import resolution sees it: every analysed file's extraction by path, and the root
 * for reading project files such as {@code go.mod} or {@code tsconfig.json}.
 */
public final class RepositoryFiles {
    private final Path root;
    private final TreeMap<String, FileExtraction> byPath;

    public RepositoryFiles(Path root, Collection<FileExtraction> files) {
        this.root = root;
        this.byPath = new TreeMap<>();
        for (FileExtraction file : files) {
            byPath.put(file.path(), file);
        }
    }

    public Path root() {
        return root;
    }

    /** All analysed files by path, sorted. */
    public Map<String, FileExtraction> byPath() {
        return Collections.unmodifiableMap(byPath);
    }

    public boolean contains(String path) {
        return byPath.containsKey(path);
    }

    public Optional<FileExtraction> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Reads a file of the repository as UTF-8, empty if it is missing or unreadable. */
    public Optional<String> read(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
