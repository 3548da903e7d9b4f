package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.Bm25Terms;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.MillisRange;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * One collection as one Lucene index: a long-lived writer (Lucene allows one per index), a searcher
 * manager refreshed after each commit, and the embedder identity kept in the commit's user data so
 * it is written atomically with the entries it describes. Every write ends in a commit, and a Lucene
 * commit is all-or-nothing on disk: a process killed at any moment leaves the last commit readable.
 */
final class LuceneCollection implements AutoCloseable {
    private static final String KEY_EMBEDDER = "embedder";
    private static final String KEY_DIMENSION = "dimension";
    private static final String KEY_COLLECTION = "collection";
    private static final String KEY_FORMAT = "format";
    private static final int SCAN_PAGE = 500;

    private final CollectionDefinition definition;
    private final LuceneSearch search;
    private final OwnerOnlyDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneCollection(
            CollectionDefinition definition,
            OwnerOnlyDirectory directory,
            IndexWriter writer,
            SearcherManager searchers) {
        this.definition = definition;
        this.search = new LuceneSearch(definition.name());
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    static LuceneCollection open(Path path, CollectionDefinition definition, EmbedderIdentity embedder) {
        return open(path, definition, embedder, Bm25Params.LUCENE_DEFAULTS);
    }

    static LuceneCollection open(
            Path path, CollectionDefinition definition, EmbedderIdentity embedder, Bm25Params bm25) {
        OwnerOnlyDirectory directory = null;
        try {
            directory = OwnerOnlyDirectory.open(path);
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                checkIdentity(
                        definition.name(),
                        SegmentInfos.readLatestCommit(directory).getUserData(),
                        embedder);
            }
            IndexWriterConfig config = new IndexWriterConfig(Bm25Terms.newAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            try {
                writer.setLiveCommitData(Map.of(
                                KEY_EMBEDDER, embedder.id(),
                                KEY_DIMENSION, Integer.toString(embedder.dimension()),
                                KEY_COLLECTION, definition.name(),
                                KEY_FORMAT, LuceneDocumentFormat.VERSION)
                        .entrySet());
                if (!exists) {
                    writer.commit();
                }
                return new LuceneCollection(
                        definition, directory, writer, new SearcherManager(writer, new SearcherFactory() {
                            @Override
                            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                                IndexSearcher s = new IndexSearcher(reader);
                                s.setSimilarity(new BM25Similarity((float) bm25.k1(), (float) bm25.b()));
                                return s;
                            }
                        }));
            } catch (IOException | RuntimeException e) {
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

    private static void checkIdentity(String name, Map<String, String> data, EmbedderIdentity configured) {
        String id = data.get(KEY_EMBEDDER);
        String dim = data.get(KEY_DIMENSION);
        if (id == null || dim == null || !dim.matches("[0-9]{1,5}")) {
            throw new StoreException("collection '" + name
                    + "' has no valid embedder metadata; it was not written by kr. Move its folder away and re-seed");
        }
        String format = data.getOrDefault(KEY_FORMAT, LuceneDocumentFormat.VERSION);
        if (!format.equals(LuceneDocumentFormat.VERSION)) {
            throw new StoreException("collection '" + name + "' uses document format " + format
                    + " but this kr reads format " + LuceneDocumentFormat.VERSION
                    + "; use the kr version that wrote it, or move the folder away and re-seed");
        }
        configured.checkFilledBy(name, new EmbedderIdentity(id, Integer.parseInt(dim)));
    }

    CollectionDefinition definition() {
        return definition;
    }

    /**
     * Replaces or adds the entries as one Lucene block: a block is indexed all or nothing, and the
     * writes of one collection are serialised, so no commit (from this call or a concurrent one) can
     * ever contain part of a batch.
     */
    synchronized void upsert(List<Entry> entries, EmbedderIdentity embedder) throws IOException {
        embedder.checkEntryVectors(definition.name(), entries);
        List<Entry> written = Entry.lastOfEachId(entries);
        List<Document> docs = new ArrayList<>(written.size());
        for (Entry e : written) {
            docs.add(LuceneDocumentFormat.toDocument(e, definition));
        }
        List<BytesRef> ids = written.stream().map(e -> new BytesRef(e.id())).toList();
        writer.updateDocuments(new TermInSetQuery(LuceneDocumentFormat.ID, ids), docs);
        commit();
    }

    /**
     * Read, change and rewrite one entry under the collection's write lock, so concurrent updates never
     * lose one another.
     */
    synchronized Optional<StoredEntry> updatePayload(String id, UnaryOperator<Map<String, Object>> update)
            throws IOException {
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
            replaced = new Entry(id, update.apply(new LinkedHashMap<>(current.payload())), vector, current.timestamp());
        } finally {
            searchers.release(searcher);
        }
        writer.updateDocument(
                new Term(LuceneDocumentFormat.ID, id), LuceneDocumentFormat.toDocument(replaced, definition));
        commit();
        return get(id);
    }

    synchronized int delete(Collection<String> ids) throws IOException {
        int existing = 0;
        IndexSearcher searcher = searchers.acquire();
        try {
            // An id named twice is still one entry that existed.
            for (String id : new LinkedHashSet<>(ids)) {
                existing += searcher.count(new TermQuery(new Term(LuceneDocumentFormat.ID, id)));
            }
        } finally {
            searchers.release(searcher);
        }
        writer.deleteDocuments(
                ids.stream().map(id -> new Term(LuceneDocumentFormat.ID, id)).toArray(Term[]::new));
        commit();
        return existing;
    }

    synchronized void compact() throws IOException {
        writer.forceMerge(1);
        commit();
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
        IndexSearcher searcher = searchers.acquire();
        try {
            return search.hits(searcher, request, fusion);
        } finally {
            searchers.release(searcher);
        }
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

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    @Override
    public synchronized void close() {
        try {
            try {
                searchers.close();
            } finally {
                writer.close();
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
