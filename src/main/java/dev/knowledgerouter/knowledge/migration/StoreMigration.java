package dev.knowledgerouter.knowledge.migration;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies every opened collection of one store into another ({@code kr migrate}): ids, payloads and
 * timestamps as they are; vectors as they are when both stores use the same embedder, otherwise
 * embedded again from each entry's text by the target's embedder. The source is only read.
 *
 * <p>A failure (an embedder that went away, a full disk, Ctrl-C) loses nothing: after each written
 * batch a checkpoint file records, per collection, the timestamp below which everything is in the
 * target, and running the same migration again resumes. Finished collections are skipped, entries
 * below the floor are not even read, and entries at or above it are not written again when the
 * target already holds the same id with the same text: seeded entries often share one timestamp,
 * and a batch may have been written just before the checkpoint could say so.
 *
 * <p>A checkpoint of another migration (other stores or other embedders) is not applied: the run
 * starts over, replaces it, and says so in its notes; what the target already holds is still found
 * by id and text, so starting over re-embeds nothing that is there. A file at the checkpoint path
 * that is not a checkpoint is refused rather than overwritten.
 *
 * <p>At the end every collection is verified by count. One whose target holds fewer entries than
 * the source is reopened in the checkpoint, so the next run looks each of its entries up and fills
 * the gaps; otherwise the checkpoint marks the migration complete, and a further run copies nothing
 * and says so. The source is expected not to be written meanwhile (Lucene's write lock ensures it
 * for another kr process): an entry changed below the floor after it was copied is not copied again.
 */
public final class StoreMigration {
    public static final int DEFAULT_BATCH = 256;

    /**
     * A store and how the user knows it, e.g. {@code lucene /home/me/.kr/knowledge} or
     * {@code qdrant http://localhost:6333}; the description also tells checkpoints apart.
     */
    public record Endpoint(KnowledgeStore store, String description) {
        public Endpoint {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(description, "description");
        }
    }

    private final Endpoint source;
    private final Endpoint target;
    private final Embedder targetEmbedder;
    private final MigrationCheckpointFile checkpointFile;
    private final int batchSize;

    /**
     * @param targetEmbedder the embedder of the target store, used only when its identity differs from
     *                       the source store's
     * @param checkpoint     where progress is kept; the same path resumes the same migration
     */
    public StoreMigration(Endpoint source, Endpoint target, Embedder targetEmbedder, Path checkpoint, int batchSize) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.targetEmbedder = Objects.requireNonNull(targetEmbedder, "targetEmbedder");
        this.checkpointFile = new MigrationCheckpointFile(Objects.requireNonNull(checkpoint, "checkpoint"));
        this.batchSize = batchSize;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (source.store() == target.store() || source.description().equals(target.description())) {
            throw new IllegalArgumentException(
                    "cannot migrate " + source.description() + " into itself; choose another target store");
        }
    }

    public StoreMigration(Endpoint source, Endpoint target, Embedder targetEmbedder, Path checkpoint) {
        this(source, target, targetEmbedder, checkpoint, DEFAULT_BATCH);
    }

    /** Copies what earlier runs did not, verifies, and reports; draws one progress bar per collection copied. */
    public MigrationReport run(Progress progress) {
        long started = System.nanoTime();
        MigrationCheckpoint.Side from = new MigrationCheckpoint.Side(
                source.description(), source.store().embedder());
        MigrationCheckpoint.Side to = new MigrationCheckpoint.Side(
                target.description(), target.store().embedder());
        List<CollectionDefinition> collections = source.store().collections();
        // Per collection: the code collections may keep their own embedder while the knowledge ones change.
        Map<String, Optional<Embedder>> reembedWith = new LinkedHashMap<>();
        for (CollectionDefinition c : collections) {
            EmbedderIdentity held = target.store().embedders().of(c);
            if (source.store().embedders().of(c).equals(held)) {
                reembedWith.put(c.name(), Optional.empty());
            } else if (EmbedderIdentity.of(targetEmbedder).equals(held)) {
                reembedWith.put(c.name(), Optional.of(targetEmbedder));
            } else {
                throw new IllegalArgumentException(
                        "the embedder given for re-embedding is " + EmbedderIdentity.of(targetEmbedder) + " but "
                                + target.description() + " holds " + held + " vectors in '" + c.name() + "'");
            }
        }
        List<String> notes = new ArrayList<>();
        Checkpoints checkpoints = new Checkpoints(checkpointFile, resume(from, to, notes));
        if (checkpoints.current.complete()
                && collections.stream()
                        .allMatch(c -> checkpoints.current.state(c.name()).done())) {
            notes.add("this migration was already complete; nothing was copied. Delete " + checkpointFile.path()
                    + " to copy again");
        }

        Map<String, CollectionCopy.Outcome> outcomes = new LinkedHashMap<>();
        for (CollectionDefinition c : collections) {
            target.store().open(c);
            CollectionCopy copier = new CollectionCopy(
                    source.store(), target.store(), reembedWith.get(c.name()), batchSize, checkpoints::save);
            MigrationCheckpoint.CollectionState state = checkpoints.current.state(c.name());
            outcomes.put(
                    c.name(),
                    state.done()
                            ? new CollectionCopy.Outcome(0, source.store().count(c.name()), state)
                            : copier.copy(c, state, progress));
        }

        List<MigrationReport.CollectionReport> reports = new ArrayList<>();
        for (var outcome : outcomes.entrySet()) {
            String name = outcome.getKey();
            var report = new MigrationReport.CollectionReport(
                    name,
                    outcome.getValue().copied(),
                    outcome.getValue().skipped(),
                    reembedWith.get(name).isPresent(),
                    source.store().count(name),
                    target.store().count(name));
            if (!report.verified()) {
                MigrationCheckpoint.CollectionState done = outcome.getValue().state();
                // Reopened from the start: the next run looks every entry up and writes only what is missing.
                checkpoints.save(
                        new MigrationCheckpoint.CollectionState(name, false, null, 0, done.copied(), done.skipped()));
                notes.add(
                        "collection '" + name + "': the target holds " + report.targetCount() + " entries, the source "
                                + report.sourceCount() + "; run the migration again to copy the missing ones");
            }
            reports.add(report);
        }
        checkpoints.complete(reports.stream().allMatch(MigrationReport.CollectionReport::verified));
        return new MigrationReport(
                source.description(),
                target.description(),
                reports,
                notes,
                checkpointFile.path(),
                (System.nanoTime() - started) / 1e9);
    }

    private MigrationCheckpoint resume(MigrationCheckpoint.Side from, MigrationCheckpoint.Side to, List<String> notes) {
        Optional<MigrationCheckpoint> saved = checkpointFile.read();
        if (saved.isEmpty()) {
            return MigrationCheckpoint.start(from, to);
        }
        if (!saved.get().isFor(from, to)) {
            notes.add("the checkpoint " + checkpointFile.path() + " was of another migration ("
                    + saved.get().source() + " to " + saved.get().target()
                    + "); started over, copying only what the target does not hold yet");
            return MigrationCheckpoint.start(from, to);
        }
        if (!saved.get().complete() && saved.get().collections().stream().anyMatch(c -> c.done() || c.started())) {
            notes.add("resumed from " + checkpointFile.path());
        }
        return saved.get();
    }

    /** The checkpoint as last written: each change is written at once, and only a change is written. */
    private static final class Checkpoints {
        private final MigrationCheckpointFile file;
        private MigrationCheckpoint current;

        Checkpoints(MigrationCheckpointFile file, MigrationCheckpoint current) {
            this.file = file;
            this.current = current;
        }

        void save(MigrationCheckpoint.CollectionState state) {
            write(current.with(state));
        }

        void complete(boolean complete) {
            write(current.completed(complete));
        }

        private void write(MigrationCheckpoint next) {
            if (!next.equals(current) || !Files.exists(file.path())) {
                file.write(next);
                current = next;
            }
        }
    }
}
