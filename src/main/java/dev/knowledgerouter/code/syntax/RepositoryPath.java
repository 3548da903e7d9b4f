package dev.knowledgerouter.code.syntax;

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
}
