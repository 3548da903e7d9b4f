package dev.knowledgerouter.code.impact;

import java.util.List;

/**
 * One file of a diff.
 *
 * @param oldPath the path in the base, or null for an added file
 * @param newPath the path in the working tree, or null for a deleted file
 * @param hunks the changed line blocks; empty for a pure rename, a mode change or a binary file
 * @param binary whether git reported the file as binary (its lines are unknown, so the whole file counts)
 */
public record FileChange(String oldPath, String newPath, Status status, List<Hunk> hunks, boolean binary) {
    public FileChange {
        if (oldPath == null && newPath == null) {
            throw new IllegalArgumentException("a file change needs a path");
        }
        hunks = List.copyOf(hunks);
    }

    public enum Status {
        ADDED,
        MODIFIED,
        DELETED,
        RENAMED
    }

    /** The path on one side, falling back to the other side's when the file does not exist there. */
    public String path(Hunk.Side side) {
        String path = side == Hunk.Side.OLD ? oldPath : newPath;
        return path != null ? path : (oldPath != null ? oldPath : newPath);
    }

    /** The path that names the file now, or its last name when deleted. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }
}
