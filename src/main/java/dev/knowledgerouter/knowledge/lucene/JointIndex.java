package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.files.ScratchFolders;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;

/**
 * One HNSW graph over the vectors of several collections, derived from them: built from their readers at one point
 * in time (each reader's {@link ReaderState} kept in the commit), walked once where each collection's own graph
 * would be walked in turn, every hit mapped back to its collection and document number. It holds nothing but the
 * vectors and that mapping, so it can be deleted at any time; a caller uses it only while every collection is still
 * at the state it was built from ({@link #covers}), and then its hits are exactly those collections' documents.
 *
 * <p>Held by reference count: a search that uses it {@link #tryIncRef}s it and {@link #decRef}s it when done; the
 * owner drops its own reference to retire it, and the last release closes it.
 */
final class JointIndex implements Closeable {
    /**
     * Twice Lucene's default neighbours and beam: the graph is built once in the background and walked by every
     * route decision. Measured on the 100k benchmark store (800 CoSQA and SciFact queries, after an embedding):
     * at 25 candidates this graph misses the exact best hit on 247 queries where three 33k graphs (16 and 100)
     * miss it on 244, in 0.28 ms of walking against 0.57 ms (docs/benchmarks.md).
     */
    static final int MAX_CONN = 32;

    static final int BEAM_WIDTH = 200;
    private static final String ORDINAL = "_c";
    private static final String DOC = "_d";
    private static final String FORMAT_KEY = "joint.format";
    private static final String FORMAT = "1";
    private static final String COLLECTIONS_KEY = "joint.collections";
    private static final String STATE_KEY = "joint.state.";
    private static final int STOP_CHECK_EVERY = 1_024;

    private static final Comparator<Hit> BEST_FIRST = Comparator.comparingDouble(Hit::cosine)
            .reversed()
            .thenComparingInt(Hit::collection)
            .thenComparingInt(Hit::doc);

    private final Path dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final List<String> collections;
    private final List<ReaderState> states;
    private final int[] ordinals;
    private final int[] docs;
    /** The collections' readers last found at the built state: the check repeats only when a reader changes. */
    private volatile List<IndexReader> matched = List.of();
    /** Replaced by a newer graph: its folder goes once the last search using it is done. */
    private volatile boolean retired;

    /** A document of the joint graph as the collection it came from numbers it, with its cosine to the query. */
    record Hit(int collection, int doc, double cosine) {}

    private JointIndex(
            Path dir,
            Directory directory,
            DirectoryReader reader,
            List<String> collections,
            List<ReaderState> states,
            int[] ordinals,
            int[] docs) {
        this.dir = dir;
        this.reader = reader;
        reader.getReaderCacheHelper().addClosedListener(key -> {
            directory.close();
            if (retired) {
                ScratchFolders.delete(dir);
            }
        });
        this.searcher = new IndexSearcher(reader);
        this.searcher.setQueryCache(null);
        this.collections = collections;
        this.states = states;
        this.ordinals = ordinals;
        this.docs = docs;
    }

    /**
     * Writes the joint graph of {@code sources} (the readers of {@code collections}, in order) into the empty folder
     * {@code dir}; stops with a {@link CancellationException} once {@code stop} answers true.
     *
     * @return whether there was anything to build (false when a reader's state has no stable identity)
     */
    static boolean build(Path dir, List<String> collections, List<IndexReader> sources, BooleanSupplier stop)
            throws IOException {
        Map<String, String> commit = new HashMap<>();
        commit.put(FORMAT_KEY, FORMAT);
        commit.put(COLLECTIONS_KEY, String.join("\n", collections));
        for (int i = 0; i < sources.size(); i++) {
            Optional<ReaderState> state = ReaderState.of(sources.get(i));
            if (state.isEmpty()) {
                return false;
            }
            commit.put(STATE_KEY + i, state.get().value());
        }
        try (Directory out = OwnerOnlyDirectory.open(dir);
                IndexWriter writer = new IndexWriter(out, config())) {
            int added = 0;
            for (int ordinal = 0; ordinal < sources.size(); ordinal++) {
                for (LeafReaderContext leaf : sources.get(ordinal).leaves()) {
                    FloatVectorValues vectors = leaf.reader().getFloatVectorValues(LuceneDocumentFormat.VECTOR);
                    if (vectors == null) {
                        continue;
                    }
                    Bits live = leaf.reader().getLiveDocs();
                    KnnVectorValues.DocIndexIterator it = vectors.iterator();
                    for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                        if (live != null && !live.get(doc)) {
                            continue;
                        }
                        if (++added % STOP_CHECK_EVERY == 0 && stop.getAsBoolean()) {
                            throw new CancellationException("the store is closing");
                        }
                        Document d = new Document();
                        d.add(new KnnFloatVectorField(
                                LuceneDocumentFormat.VECTOR,
                                vectors.vectorValue(it.index()).clone(),
                                VectorSimilarityFunction.DOT_PRODUCT));
                        d.add(new NumericDocValuesField(ORDINAL, ordinal));
                        d.add(new NumericDocValuesField(DOC, leaf.docBase + doc));
                        writer.addDocument(d);
                    }
                }
            }
            writer.forceMerge(1);
            writer.setLiveCommitData(commit.entrySet());
            writer.commit();
        }
        return true;
    }

    private static IndexWriterConfig config() {
        KnnVectorsFormat knn = new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
        return new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(64)
                .setCodec(new Lucene104Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return knn;
                    }
                });
    }

    /** The joint graph {@link #build} wrote into {@code dir}; empty when the folder holds none of this format. */
    static Optional<JointIndex> open(Path dir) throws IOException {
        Directory directory = OwnerOnlyDirectory.open(dir);
        DirectoryReader reader = null;
        try {
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                return Optional.empty();
            }
            reader = DirectoryReader.open(directory);
            Map<String, String> commit = reader.getIndexCommit().getUserData();
            if (!FORMAT.equals(commit.get(FORMAT_KEY)) || commit.get(COLLECTIONS_KEY) == null) {
                reader.close();
                directory.close();
                return Optional.empty();
            }
            List<String> collections = List.of(commit.get(COLLECTIONS_KEY).split("\n", -1));
            List<ReaderState> states = new ArrayList<>(collections.size());
            for (int i = 0; i < collections.size(); i++) {
                String state = commit.get(STATE_KEY + i);
                if (state == null) {
                    reader.close();
                    directory.close();
                    return Optional.empty();
                }
                states.add(new ReaderState(state));
            }
            int[] ordinals = new int[reader.maxDoc()];
            int[] docs = new int[reader.maxDoc()];
            for (LeafReaderContext leaf : reader.leaves()) {
                copy(leaf.reader().getNumericDocValues(ORDINAL), leaf.docBase, ordinals);
                copy(leaf.reader().getNumericDocValues(DOC), leaf.docBase, docs);
            }
            return Optional.of(
                    new JointIndex(dir, directory, reader, collections, List.copyOf(states), ordinals, docs));
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            directory.close();
            throw e;
        }
    }

    private static void copy(NumericDocValues values, int docBase, int[] into) throws IOException {
        if (values == null) {
            throw new IOException("the joint graph has documents without their collection mapping");
        }
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            into[docBase + doc] = (int) values.longValue();
        }
    }

    /** Whether {@code readers} (of {@code names}, in order) are at the state this graph was built from. */
    boolean covers(List<String> names, List<IndexReader> readers) {
        if (!names.equals(collections)) {
            return false;
        }
        List<IndexReader> last = matched;
        if (sameReaders(last, readers)) {
            return true;
        }
        for (int i = 0; i < readers.size(); i++) {
            Optional<ReaderState> state = ReaderState.of(readers.get(i));
            if (state.isEmpty() || !state.get().equals(states.get(i))) {
                return false;
            }
        }
        matched = List.copyOf(readers);
        return true;
    }

    private static boolean sameReaders(List<IndexReader> a, List<IndexReader> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code n} nearest documents to {@code vector}, best first, ties in collection then document order. */
    List<Hit> search(float[] vector, int n) throws IOException {
        TopDocs top = searcher.search(new KnnFloatVectorQuery(LuceneDocumentFormat.VECTOR, vector, n), n);
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            hits.add(new Hit(ordinals[sd.doc], docs[sd.doc], LuceneDocumentFormat.cosineOf(sd.score)));
        }
        // The order a search of each collection then a stable merge would give, whatever order the build merged in.
        hits.sort(BEST_FIRST);
        return hits;
    }

    int size() {
        return reader.numDocs();
    }

    boolean tryIncRef() {
        return reader.tryIncRef();
    }

    void decRef() throws IOException {
        reader.decRef();
    }

    /** Drops the owner's reference; the index closes when the last search using it is done. */
    @Override
    public void close() throws IOException {
        decRef();
    }

    /** As {@link #close}, and its folder is deleted then: a newer graph replaced it. */
    void retire() throws IOException {
        retired = true;
        close();
    }

    @Override
    public String toString() {
        return "joint graph at " + dir;
    }
}
