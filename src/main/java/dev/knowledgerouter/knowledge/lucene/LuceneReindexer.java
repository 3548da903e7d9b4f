package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EntryEmbedder;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.TextHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

/**
 * Re-embeds a collection that was filled by another embedder: every stored entry is read back,
 * embedded again from its payload, and written to a fresh index beside the old one; only then are
 * the two swapped. The old index is kept as {@code <name>.previous-<millis>} until the user removes
 * it, so a failure at any step loses nothing.
 */
public final class LuceneReindexer {
    private static final int BATCH = 64;

    private final Path root;
    private final Embedder embedder;

    public LuceneReindexer(Path root, Embedder embedder) {
        this.root = root;
        this.embedder = embedder;
    }

    /** What one reindex did; {@code previous} is where the old index was kept, empty when nothing had to change. */
    public record Result(String collection, String from, int entries, Optional<Path> previous) {}

    public Result reindex(CollectionDefinition definition, Progress progress) {
        Path path = root.resolve(definition.name());
        EmbedderIdentity target = EmbedderIdentity.of(embedder);
        try {
            if (!Files.isDirectory(path)) {
                return new Result(definition.name(), "none", 0, Optional.empty());
            }
            List<StoredEntry> entries;
            String from;
            // Hold the old index's write lock for the read, so no other kr process is writing to it meanwhile.
            try (FSDirectory dir = FSDirectory.open(path);
                    Lock lock = obtainLock(dir, definition.name())) {
                if (!DirectoryReader.indexExists(dir)) {
                    return new Result(definition.name(), "none", 0, Optional.empty());
                }
                var data = SegmentInfos.readLatestCommit(dir).getUserData();
                from = data.getOrDefault("embedder", "unknown") + " (" + data.getOrDefault("dimension", "?") + "-d)";
                if (target.id().equals(data.get("embedder"))
                        && Integer.toString(target.dimension()).equals(data.get("dimension"))) {
                    return new Result(definition.name(), from, 0, Optional.empty());
                }
                entries = readAll(definition, dir, IndexCommitData.logGeneration(data));
            }
            Path fresh = root.resolve(definition.name() + ".reindexing");
            ScratchFolders.delete(fresh);
            try (LuceneCollection out = LuceneCollection.open(fresh, definition, target)) {
                new EntryEmbedder(embedder, definition)
                        .embedInBatches(
                                entries.stream().map(EntryEmbedder.Pending::of).toList(),
                                BATCH,
                                "reindex " + definition.name(),
                                progress,
                                StopSignal.never(),
                                batch -> out.upsert(batch, target));
            }
            Path previous = root.resolve(definition.name() + ".previous-" + System.currentTimeMillis());
            Files.move(path, previous, StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(previous, path, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
            return new Result(definition.name(), from, entries.size(), Optional.of(previous));
        } catch (IOException e) {
            throw new StoreException(
                    "reindexing '" + definition.name() + "' failed: " + e.getMessage()
                            + "; the original index is still at " + path,
                    e);
        }
    }

    private static Lock obtainLock(FSDirectory dir, String name) throws IOException {
        try {
            return dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
        } catch (LockObtainFailedException e) {
            throw new StoreLockedException(
                    "collection '" + name + "' is in use by another kr process; stop it before `kr reindex`", e);
        }
    }

    /**
     * Every entry of the last commit, with the writes its log holds after it (a process that stopped
     * without closing the collection) applied in order, as opening the collection would.
     */
    private static List<StoredEntry> readAll(CollectionDefinition definition, FSDirectory dir, long committed)
            throws IOException {
        String collection = definition.name();
        Map<String, StoredEntry> byId = new LinkedHashMap<>();
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                StoredFields fields = r.storedFields();
                for (int doc = 0; doc < r.maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        StoredEntry e = LuceneDocumentFormat.toStoredEntry(collection, fields.document(doc));
                        byId.put(e.id(), e);
                    }
                }
            }
        }
        for (JournalRecord record : WriteAheadLog.pending(dir.getDirectory(), committed)) {
            switch (record) {
                case JournalRecord.Upsert u ->
                    u.entries()
                            .forEach(e -> byId.put(
                                    e.id(),
                                    new StoredEntry(
                                            collection,
                                            e.id(),
                                            e.payload(),
                                            e.timestamp(),
                                            TextHash.of(definition.textOf(e.payload())))));
                case JournalRecord.Delete d -> d.ids().forEach(byId::remove);
            }
        }
        return new ArrayList<>(byId.values());
    }
}
