package dev.knowledgerouter.code.impact;

import java.util.List;

/** The files a diff changes, in the order git listed them. */
public record ChangeSet(List<FileChange> files) {
    public ChangeSet {
        files = List.copyOf(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }
}
