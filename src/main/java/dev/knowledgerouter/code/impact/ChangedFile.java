package dev.knowledgerouter.code.impact;

import java.util.Locale;

/**
 * A file of the diff as the report lists it.
 *
 * @param previousPath the name before a rename, else absent
 * @param status {@code added}, {@code modified}, {@code deleted} or {@code renamed}
 * @param hunks how many changed line blocks it has (0 for a rename or mode change alone, or a binary file)
 * @param inGraph whether the analysed graph has the file (an added file has not been analysed yet, for example)
 */
public record ChangedFile(String path, String previousPath, String status, int hunks, boolean inGraph) {
    static ChangedFile of(FileChange change, boolean inGraph) {
        return new ChangedFile(
                change.path(),
                change.status() == FileChange.Status.RENAMED ? change.oldPath() : null,
                change.status().name().toLowerCase(Locale.ROOT),
                change.hunks().size(),
                inGraph);
    }
}
