package dev.knowledgerouter.knowledge.migration;

import java.nio.file.Path;
import java.util.List;

/**
 * What one run of a {@link StoreMigration} did. {@code notes} are sentences for the user: a
 * checkpoint that was not applied, a migration that was already complete, a collection whose
 * target came up short.
 */
public record MigrationReport(
        String source,
        String target,
        List<CollectionReport> collections,
        List<String> notes,
        Path checkpoint,
        double seconds) {

    /**
     * One collection: entries written by this run, entries this run did not write because the
     * target already held them, whether vectors were re-embedded rather than copied, and the counts
     * of both stores once the run was over.
     */
    public record CollectionReport(
            String collection, long copied, long skipped, boolean reembedded, long sourceCount, long targetCount) {
        /** The target holds at least every source entry (it may hold more that were there before). */
        public boolean verified() {
            return targetCount >= sourceCount;
        }
    }

    public MigrationReport {
        collections = List.copyOf(collections);
        notes = List.copyOf(notes);
    }

    /** Every collection is copied and verified: nothing is left for another run to do. */
    public boolean complete() {
        return collections.stream().allMatch(CollectionReport::verified);
    }

    public long copied() {
        return collections.stream().mapToLong(CollectionReport::copied).sum();
    }
}
