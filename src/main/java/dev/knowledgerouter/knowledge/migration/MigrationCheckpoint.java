package dev.knowledgerouter.knowledge.migration;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How far a {@link StoreMigration} got, so an interrupted one resumes instead of starting over.
 * {@code source} and {@code target} say which migration it belongs to: a checkpoint of another
 * pair of stores or embedders is never applied.
 */
public record MigrationCheckpoint(
        String format, Side source, Side target, boolean complete, List<CollectionState> collections) {
    /** Written into every checkpoint; a file without it is not one of ours and is never overwritten. */
    public static final String FORMAT = "kr-store-migration/1";

    /** One end of the migration: the store as described to the user, and the embedder its vectors belong to. */
    public record Side(String store, EmbedderIdentity embedder) {
        @Override
        public String toString() {
            return store + " [" + embedder + "]";
        }
    }

    /**
     * One collection's progress. Every source entry older than {@code floor} is in the target; entries
     * at the floor may or may not be, since many can share one timestamp. {@code below} counts the
     * entries older than the floor, {@code copied} and {@code skipped} the entries written and found
     * already there by all runs so far. {@code floor} is null until the first batch is written.
     */
    public record CollectionState(String name, boolean done, Instant floor, long below, long copied, long skipped) {
        static CollectionState notStarted(String name) {
            return new CollectionState(name, false, null, 0, 0, 0);
        }

        boolean started() {
            return floor != null;
        }
    }

    public MigrationCheckpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        collections = List.copyOf(collections);
    }

    static MigrationCheckpoint start(Side source, Side target) {
        return new MigrationCheckpoint(FORMAT, source, target, false, List.of());
    }

    boolean isFor(Side source, Side target) {
        return this.source.equals(source) && this.target.equals(target);
    }

    CollectionState state(String collection) {
        return collections.stream()
                .filter(c -> c.name().equals(collection))
                .findFirst()
                .orElse(CollectionState.notStarted(collection));
    }

    /** Records one collection's progress; the migration is not complete until {@link #completed} says so. */
    MigrationCheckpoint with(CollectionState state) {
        List<CollectionState> updated = new ArrayList<>(collections);
        int at = updated.stream().map(CollectionState::name).toList().indexOf(state.name());
        if (at < 0) {
            updated.add(state);
        } else {
            updated.set(at, state);
        }
        return new MigrationCheckpoint(format, source, target, false, updated);
    }

    MigrationCheckpoint completed(boolean done) {
        return new MigrationCheckpoint(format, source, target, done, collections);
    }
}
