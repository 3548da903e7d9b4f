package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.Bm25Terms;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.MillisRange;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection as one Lucene index: a long-lived writer (Lucene allows one per index), searchers refreshed
 * when a reader needs a write they do not see yet ({@link Searchers}), and the embedder identity kept in the commit's user data so
 * it is written atomically with the entries it describes. A write returns once it is durable in the
 * collection's {@link WriteAheadLog}, whose records concurrent writers force to disk together; Lucene
 * commits (checkpoints) come when the log has grown, on compaction and on close. A Lucene commit is
 * all-or-nothing on disk, and the log's records after it are replayed on open: a process killed at any
 * moment leaves every acknowledged write readable.
 */
final class LuceneCollection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneCollection.class);
    private static final int SCAN_PAGE = 500;
    /**
     * The log size at which a write also checkpoints: a Lucene commit (tens of milliseconds here) once per
     * a few thousand interactions, and at most this much to replay after a crash.
     */
    private static final long CHECKPOINT_BYTES = 16L << 20;

    private final CollectionDefinition definition;
    private final LuceneSearch search;
    private final OwnerOnlyDirectory directory;
    private final IndexWriter writer;
    private final Searchers searchers;
    private final WriteAheadLog log;
    private final IndexCommitData commitData;
    private final Object checkpointing = new Object();
    private final Executor background;
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private volatile boolean closed;

    private LuceneCollection(
            CollectionDefinition definition,
            OwnerOnlyDirectory directory,
            IndexWriter writer,
            Searchers searchers,
            WriteAheadLog log,
            IndexCommitData commitData,
            Executor background) {
        this.definition = definition;
        this.background = background;
        this.search = new LuceneSearch(definition.name());
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.log = log;
        this.commitData = commitData;
    }

    static LuceneCollection open(Path path, CollectionDefinition definition, EmbedderIdentity embedder) {
        return open(path, definition, embedder, Bm25Params.LUCENE_DEFAULTS, Clock.systemUTC(), Runnable::run);
    }

    /** {@code background} runs the refreshes and checkpoints no caller waits for. */
    static LuceneCollection open(
            Path path,
            CollectionDefinition definition,
            EmbedderIdentity embedder,
            Bm25Params bm25,
            Clock clock,
            Executor background) {
        OwnerOnlyDirectory directory = null;
        try {
            directory = OwnerOnlyDirectory.open(path);
            boolean exists = DirectoryReader.indexExists(directory);
            long committed = exists
                    ? IndexCommitData.checked(
                                    definition.name(),
                                    SegmentInfos.readLatestCommit(directory).getUserData(),
                                    embedder)
                            .logGeneration()
                    : 0;
            // A refresh or commit would otherwise wait up to half a second for the small segments it flushed to
            // be merged: under load that wait was the longest a query spent; merges run in the background anyway.
            IndexWriterConfig config = new IndexWriterConfig(Bm25Terms.newAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setMaxFullFlushMergeWaitMillis(0);
            IndexWriter writer = new IndexWriter(directory, config);
            WriteAheadLog log = null;
            try {
                log = WriteAheadLog.open(path, committed);
                List<JournalRecord> pending = WriteAheadLog.pending(path, committed);
                for (JournalRecord record : pending) {
                    record.applyTo(writer, definition);
                }
                if (!pending.isEmpty()) {
                    committed = log.rotate();
                }
                IndexCommitData data = IndexCommitData.of(embedder, definition, committed);
                writer.setLiveCommitData(data.entries());
                if (!exists || !pending.isEmpty()) {
                    writer.commit();
                    log.dropThrough(committed);
                }
                SearcherManager manager = new SearcherManager(writer, new SearcherFactory() {
                    @Override
                    public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                        IndexSearcher s = new IndexSearcher(reader);
                        s.setSimilarity(new BM25Similarity((float) bm25.k1(), (float) bm25.b()));
                        return s;
                    }
                });
                Searchers searchers = new Searchers(manager, log::appended, clock, background);
                return new LuceneCollection(definition, directory, writer, searchers, log, data, background);
            } catch (IOException | RuntimeException e) {
                closeQuietly(log);
                closeQuietly(writer);
                throw e;
            }
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new StoreLockedException(
                    "the index of collection '" + definition.name() + "' at " + path
                            + " is in use by another kr process; wait for it to finish, or stop `kr serve`"
                            + " (commands go through a running server on their own)",
                    e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new StoreException(
                    "cannot open collection '" + definition.name() + "' at " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    CollectionDefinition definition() {
        return definition;
    }

    /**
     * Replaces or adds the entries as one Lucene block and one log record: a block is indexed all or
     * nothing, a record is replayed all or nothing, and the writes of one collection are applied and
     * logged in one order, so neither a commit nor a replay can ever hold part of a batch.
     */
    void upsert(List<Entry> entries, EmbedderIdentity embedder) throws IOException {
        embedder.checkEntryVectors(definition.name(), entries);
        JournalRecord record = new JournalRecord.Upsert(Entry.lastOfEachId(entries));
        long logged;
        synchronized (this) {
            record.applyTo(writer, definition);
            logged = log.append(record);
        }
        awaitDurable(logged);
    }

    /**
     * Read, change and rewrite one entry under the collection's write lock, so concurrent updates never
     * lose one another; the read sees every write applied before it, durable or about to be.
     */
    Optional<StoredEntry> updatePayload(String id, UnaryOperator<Map<String, Object>> update) throws IOException {
        long logged;
        synchronized (this) {
            searchers.refresh();
            IndexSearcher searcher = searchers.acquire();
            Entry replaced;
            try {
                TopDocs top = searcher.search(new TermQuery(new Term(LuceneDocumentFormat.ID, id)), 1);
                if (top.scoreDocs.length == 0) {
                    return Optional.empty();
                }
                int doc = top.scoreDocs[0].doc;
                StoredEntry current = LuceneDocumentFormat.toStoredEntry(
                        definition.name(), searcher.storedFields().document(doc));
                float[] vector = StoredVectors.of(searcher, doc);
                replaced = new Entry(
                        id, update.apply(new LinkedHashMap<>(current.payload())), vector, current.timestamp());
            } finally {
                searchers.release(searcher);
            }
            JournalRecord record = new JournalRecord.Upsert(List.of(replaced));
            record.applyTo(writer, definition);
            logged = log.append(record);
        }
        awaitDurable(logged);
        return get(id);
    }

    int delete(Collection<String> ids) throws IOException {
        int existing = 0;
        long logged;
        synchronized (this) {
            searchers.refresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                // An id named twice is still one entry that existed.
                for (String id : new LinkedHashSet<>(ids)) {
                    existing += searcher.count(new TermQuery(new Term(LuceneDocumentFormat.ID, id)));
                }
            } finally {
                searchers.release(searcher);
            }
            JournalRecord record = new JournalRecord.Delete(List.copyOf(ids));
            record.applyTo(writer, definition);
            logged = log.append(record);
        }
        awaitDurable(logged);
        return existing;
    }

    void compact() throws IOException {
        writer.forceMerge(1);
        checkpoint();
    }

    /**
     * Waits until the log record is on disk; the next reader that needs the write refreshes the searchers.
     * A write that leaves the log past {@link #CHECKPOINT_BYTES} has it committed to the index in the
     * background: a commit forces every new segment file (70-160 ms under load), which the writer that crossed
     * the line used to wait for. The log keeps every record until that commit covers it.
     */
    private void awaitDurable(long logged) throws IOException {
        log.awaitDurable(logged);
        if (log.size() >= CHECKPOINT_BYTES && checkpointQueued.compareAndSet(false, true)) {
            try {
                background.execute(this::checkpointIfDue);
            } catch (RejectedExecutionException e) {
                checkpointQueued.set(false);
            }
        }
    }

    private void checkpointIfDue() {
        try {
            synchronized (checkpointing) {
                if (!closed && log.size() >= CHECKPOINT_BYTES) {
                    checkpoint();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Nothing is lost: the log still holds every record; the next write past the line tries again.
            LOG.warn("checkpoint of collection '{}' failed, will retry: {}", definition.name(), e.getMessage());
        } finally {
            checkpointQueued.set(false);
        }
    }

    /**
     * Commits everything written so far to the index, then drops the log it covers. Writers go on
     * meanwhile: they log to the next generation, which a later commit or replay covers.
     */
    private void checkpoint() throws IOException {
        synchronized (checkpointing) {
            long through;
            synchronized (this) {
                through = log.rotate();
                writer.setLiveCommitData(commitData.withLogGeneration(through).entries());
            }
            writer.commit();
            log.dropThrough(through);
        }
    }

    long count() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    Optional<StoredEntry> get(String id) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(LuceneDocumentFormat.ID, id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
            return Optional.of(LuceneDocumentFormat.toStoredEntry(definition.name(), doc));
        } finally {
            searchers.release(searcher);
        }
    }

    List<SearchHit> search(SearchRequest request, HybridFusion fusion) throws IOException {
        try (RankedHits ranked = rank(request, fusion)) {
            List<SearchHit> hits = new ArrayList<>(ranked.size());
            for (int i = 0; i < ranked.size(); i++) {
                hits.add(ranked.read(i));
            }
            return hits;
        }
    }

    /** The hits of {@code request}, read when asked for; the searcher is held until the ranking is closed. */
    RankedHits rank(SearchRequest request, HybridFusion fusion) throws IOException {
        IndexSearcher searcher = searchers.acquire(request.staleness());
        try {
            return new LuceneRankedHits(search, searchers, searcher, search.ranked(searcher, request, fusion));
        } catch (IOException | RuntimeException e) {
            searchers.release(searcher);
            throw e;
        }
    }

    /** A searcher over this collection for a search spanning collections ({@link JointSearch}); release it. */
    IndexSearcher acquire(Duration staleness) throws IOException {
        return searchers.acquire(staleness);
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Document {@code doc} of {@code searcher} (one this collection gave out) as a dense hit of {@code cosine}. */
    SearchHit read(IndexSearcher searcher, StoredFields fields, int doc, double cosine) throws IOException {
        return search.read(searcher, fields, new LuceneSearch.Ranked(doc, cosine, cosine));
    }

    void scan(Instant from, Instant to, Consumer<StoredEntry> visitor) throws IOException {
        scan(from, to, (entry, vector) -> visitor.accept(entry), false);
    }

    void scanWithVectors(Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) throws IOException {
        scan(from, to, visitor, true);
    }

    private void scan(Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor, boolean withVectors)
            throws IOException {
        Query range = timeRange(from, to);
        Sort byTime = new Sort(new SortField(LuceneDocumentFormat.TIME, SortField.Type.LONG), SortField.FIELD_DOC);
        IndexSearcher searcher = searchers.acquire();
        try {
            StoredFields fields = searcher.storedFields();
            ScoreDoc after = null;
            while (true) {
                TopDocs page = after == null
                        ? searcher.search(range, SCAN_PAGE, byTime)
                        : searcher.searchAfter(after, range, SCAN_PAGE, byTime);
                for (ScoreDoc sd : page.scoreDocs) {
                    visitor.accept(
                            LuceneDocumentFormat.toStoredEntry(definition.name(), fields.document(sd.doc)),
                            withVectors ? StoredVectors.of(searcher, sd.doc) : null);
                }
                if (page.scoreDocs.length < SCAN_PAGE) {
                    return;
                }
                after = page.scoreDocs[page.scoreDocs.length - 1];
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query timeRange(Instant from, Instant to) {
        return MillisRange.of(from, to)
                .<Query>map(r -> LongPoint.newRangeQuery(LuceneDocumentFormat.TIME, r.first(), r.last()))
                .orElseGet(MatchNoDocsQuery::new);
    }

    /** Commits what the log holds, so the next open replays nothing, then closes the index. */
    @Override
    public void close() {
        try {
            try {
                synchronized (checkpointing) {
                    closed = true;
                    checkpoint();
                }
            } finally {
                synchronized (this) {
                    try {
                        searchers.close();
                    } finally {
                        try {
                            writer.close();
                        } finally {
                            log.close();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("closing collection '" + definition.name() + "' failed: " + e.getMessage(), e);
        } finally {
            closeQuietly(directory);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Already failing; the original error is the one worth reporting.
            }
        }
    }
}
