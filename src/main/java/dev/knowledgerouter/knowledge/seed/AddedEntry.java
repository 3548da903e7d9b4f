package dev.knowledgerouter.knowledge.seed;

import dev.knowledgerouter.knowledge.EntryVersions;
import dev.knowledgerouter.knowledge.Provenance;
import java.util.List;

/**
 * One entry added to a knowledge collection, and whether the store changed: where the stored entry
 * comes from now, the number of the version it holds, and the earlier versions kept with it.
 */
public record AddedEntry(
        String collection,
        String id,
        Change change,
        Provenance provenance,
        int version,
        List<EntryVersions.Version> earlierVersions) {
    public enum Change {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public AddedEntry {
        earlierVersions = List.copyOf(earlierVersions);
    }
}
