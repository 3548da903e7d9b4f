package dev.knowledgerouter.knowledge.migration;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.EntryEmbedder;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Copies one collection of a {@link StoreMigration}, oldest entries first, in batches; after each
 * written batch its progress goes to the checkpoint. Vectors are copied, or embedded again from the
 * entry's text when the target has another embedder.
 */
final class CollectionCopy {
    /** Entries written, and entries not written because the target already held them. */
    record Outcome(long copied, long skipped, MigrationCheckpoint.CollectionState state) {}

    private final KnowledgeStore source;
    private final KnowledgeStore target;
    private final Optional<Embedder> reembedWith;
    private final int batchSize;
    private final Consumer<MigrationCheckpoint.CollectionState> checkpoint;

    CollectionCopy(
            KnowledgeStore source,
            KnowledgeStore target,
            Optional<Embedder> reembedWith,
            int batchSize,
            Consumer<MigrationCheckpoint.CollectionState> checkpoint) {
        this.source = source;
        this.target = target;
        this.reembedWith = reembedWith;
        this.batchSize = batchSize;
        this.checkpoint = checkpoint;
    }

    /** Copies what {@code resumed} does not cover yet; the target collection must be open. */
    Outcome copy(CollectionDefinition definition, MigrationCheckpoint.CollectionState resumed, Progress progress) {
        String name = definition.name();
        // An empty target holds nothing to find: a first copy pays for no lookups.
        Pass pass = new Pass(definition, resumed, target.count(name) > 0, progress);
        progress.start("migrate " + name, source.count(name));
        progress.advance(resumed.below());
        // Entries below the floor are all in the target already: they are not even read.
        Instant from = resumed.started() ? resumed.floor() : Instant.MIN;
        if (reembedWith.isPresent()) {
            // The source's vectors would be thrown away; a remote source need not send them.
            source.scan(name, from, Instant.MAX, entry -> pass.accept(entry, null));
        } else {
            source.scanWithVectors(name, from, Instant.MAX, pass);
        }
        pass.flush();
        progress.advance(pass.unreported);
        if (pass.copied > 0) {
            // A bulk load leaves many small segments; merged, a search walks one graph.
            target.compact(name);
        }
        MigrationCheckpoint.CollectionState done = new MigrationCheckpoint.CollectionState(
                name,
                true,
                pass.saved.floor(),
                pass.saved.below(),
                resumed.copied() + pass.copied,
                resumed.skipped() + pass.found);
        checkpoint.accept(done);
        progress.done();
        return new Outcome(pass.copied, resumed.below() + pass.found, done);
    }

    /** One scan over the source: collects entries to write and writes them a batch at a time. */
    private final class Pass implements BiConsumer<StoredEntry, float[]> {
        private final CollectionDefinition definition;
        private final MigrationCheckpoint.CollectionState resumed;
        private final boolean lookUp;
        private final Progress progress;
        private final List<StoredEntry> entries = new ArrayList<>();
        private final List<float[]> vectors = new ArrayList<>();
        private MigrationCheckpoint.CollectionState saved;
        private Instant lastTime;
        private long sameTime;
        private long visited;
        private long unreported;
        private long copied;
        private long found;
        private long belowNewest;

        Pass(
                CollectionDefinition definition,
                MigrationCheckpoint.CollectionState resumed,
                boolean lookUp,
                Progress progress) {
            this.definition = definition;
            this.resumed = resumed;
            this.lookUp = lookUp;
            this.progress = progress;
            this.saved = resumed;
        }

        @Override
        public void accept(StoredEntry entry, float[] vector) {
            visited++;
            unreported++;
            if (entry.timestamp().equals(lastTime)) {
                sameTime++;
            } else {
                lastTime = entry.timestamp();
                sameTime = 1;
            }
            if (lookUp && alreadyInTarget(entry)) {
                found++;
                return;
            }
            entries.add(entry);
            vectors.add(vector);
            // The scan is oldest first, so every entry visited before this timestamp began is older than it.
            belowNewest = resumed.below() + visited - sameTime;
            if (entries.size() >= batchSize) {
                flush();
            }
        }

        private boolean alreadyInTarget(StoredEntry entry) {
            return target.get(definition.name(), entry.id())
                    .map(StoredEntry::textHash)
                    .filter(entry.textHash()::equals)
                    .isPresent();
        }

        private List<Entry> copies() {
            List<Entry> out = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                StoredEntry e = entries.get(i);
                if (vectors.get(i) == null) {
                    throw new StoreException("entry '" + e.id() + "' of collection '" + definition.name()
                            + "' has no stored vector to copy");
                }
                out.add(new Entry(e.id(), e.payload(), vectors.get(i), e.timestamp()));
            }
            return out;
        }

        void flush() {
            if (entries.isEmpty()) {
                return;
            }
            List<Entry> batch = reembedWith.isPresent()
                    ? new EntryEmbedder(reembedWith.get(), definition).reembed(entries)
                    : copies();
            target.upsert(definition.name(), batch);
            copied += batch.size();
            saved = new MigrationCheckpoint.CollectionState(
                    definition.name(),
                    false,
                    entries.getLast().timestamp(),
                    belowNewest,
                    resumed.copied() + copied,
                    resumed.skipped() + found);
            checkpoint.accept(saved);
            entries.clear();
            vectors.clear();
            progress.advance(unreported);
            unreported = 0;
        }
    }
}
