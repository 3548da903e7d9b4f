package dev.knowledgerouter.code.syntax;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Arithmetic on repository paths as the graph writes them: relative to the root, {@code /}-separated,
 * the root itself being {@code ""}. Kept apart from {@link java.nio.file.Path} because these must read
 * the same on every platform.
 */
public final class RepositoryPath {
    private RepositoryPath() {}

    /** The directory of a path, {@code ""} for a file at the root. */
    public static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code rest} under {@code directory}; either may be {@code ""}. */
    public static String join(String directory, String rest) {
        if (directory.isEmpty()) {
            return rest;
        }
        return rest.isEmpty() ? directory : directory + "/" + rest;
    }

    /**
     * The path with {@code .} and {@code ..} segments resolved and backslashes as slashes; empty when it climbs out of
     * the repository.
     */
    public static Optional<String> normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return Optional.of(String.join("/", segments));
    }
}
