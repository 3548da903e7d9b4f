package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;

/**
 * A bare vector index for measuring a {@link VectorFormat} at scale: one document per vector, in the
 * store's vector field and similarity, merged to one segment as the store is after a bulk load. Vectors
 * are named by their position in the fill, so a generator can say which ones are nearest.
 */
public final class VectorScaleIndex implements AutoCloseable {
    /**
     * Lucene's largest buffer: a fill that fits is flushed as one segment with its graph built once, where
     * smaller flushes would build graphs that the final merge builds again.
     */
    private static final double RAM_BUFFER_MB = 2000;

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private VectorScaleIndex(Directory directory, DirectoryReader reader) {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /**
     * Adds vectors {@code next(count)} onward until the index at {@code path} holds {@code entries}, then
     * merges it to one segment. Returns the vectors added (0 when it was full already).
     */
    public static long fill(
            Path path, VectorFormat format, long entries, LongFunction<float[]> next, Progress progress) {
        IndexWriterConfig config = config(format);
        try (Directory dir = OwnerOnlyDirectory.open(path);
                IndexWriter writer = new IndexWriter(dir, config)) {
            long have = writer.getDocStats().numDocs;
            if (have >= entries) {
                return 0;
            }
            progress.start("fill " + format.name().toLowerCase(Locale.ROOT) + " to " + entries, entries - have);
            for (long i = have; i < entries; i++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(
                        LuceneDocumentFormat.VECTOR, next.apply(i), VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(doc);
                if ((i + 1) % 10_000 == 0) {
                    progress.advance(10_000);
                }
            }
            writer.commit();
            progress.done();
            progress.start("merge to one segment", 1);
            writer.forceMerge(1);
            writer.commit();
            progress.done();
            return entries - have;
        } catch (IOException e) {
            throw new StoreException("cannot fill the vector index at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the vectors of the full index at {@code from} into a new index at {@code to} in {@code format},
     * without generating or inserting them again: the merge that writes them reuses the source's HNSW graph
     * (Lucene starts a merged graph from its largest segment's), so only the vectors are re-encoded. The graph
     * was built on the raw floats, which a quantized format keeps on disk too. Returns the vectors written
     * (0 when {@code to} held an index already).
     */
    public static long convert(Path from, Path to, VectorFormat format, Progress progress) {
        try (Directory source = OwnerOnlyDirectory.open(from);
                DirectoryReader reader = DirectoryReader.open(source);
                Directory dir = OwnerOnlyDirectory.open(to);
                IndexWriter writer = new IndexWriter(dir, config(format))) {
            if (writer.getDocStats().numDocs > 0) {
                return 0;
            }
            progress.start(
                    "convert " + reader.numDocs() + " vectors to "
                            + format.name().toLowerCase(Locale.ROOT),
                    1);
            CodecReader[] segments = reader.leaves().stream()
                    .map(leaf -> (CodecReader) leaf.reader())
                    .toArray(CodecReader[]::new);
            writer.addIndexes(segments);
            writer.forceMerge(1);
            writer.commit();
            progress.done();
            return reader.numDocs();
        } catch (IOException e) {
            throw new StoreException("cannot convert the vector index at " + from + ": " + e.getMessage(), e);
        }
    }

    private static IndexWriterConfig config(VectorFormat format) {
        KnnVectorsFormat knn = format.knnFormat();
        return new IndexWriterConfig().setRAMBufferSizeMB(RAM_BUFFER_MB).setCodec(new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return knn;
            }
        });
    }

    public static VectorScaleIndex open(Path path) {
        try {
            Directory dir = OwnerOnlyDirectory.open(path);
            return new VectorScaleIndex(dir, DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new StoreException("cannot open the vector index at " + path + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return reader.numDocs();
    }

    /**
     * The {@code k} nearest by the HNSW graph, asking it for {@code candidates} as the store does, in the
     * order of the format's own scores (approximate for a quantized format).
     */
    public int[] nearest(float[] query, int k, int candidates) {
        try {
            TopDocs top = searcher.search(
                    new KnnFloatVectorQuery(LuceneDocumentFormat.VECTOR, query, candidates), candidates);
            return Arrays.stream(top.scoreDocs).limit(k).mapToInt(sd -> sd.doc).toArray();
        } catch (IOException e) {
            throw new StoreException("vector search failed: " + e.getMessage(), e);
        }
    }

    /** As {@link #nearest}, but the candidates are ranked again by the exact dot product of the raw floats. */
    public int[] nearestRescored(float[] query, int k, int candidates) {
        try {
            TopDocs top = searcher.search(
                    new KnnFloatVectorQuery(LuceneDocumentFormat.VECTOR, query, candidates), candidates);
            double[] exact = new double[top.scoreDocs.length];
            for (int i = 0; i < exact.length; i++) {
                exact[i] = StoredVectors.cosine(searcher, top.scoreDocs[i].doc, query);
            }
            Integer[] order = new Integer[exact.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Double.compare(exact[b], exact[a]));
            ScoreDoc[] docs = top.scoreDocs;
            return Arrays.stream(order).limit(k).mapToInt(i -> docs[i].doc).toArray();
        } catch (IOException e) {
            throw new StoreException("vector search failed: " + e.getMessage(), e);
        }
    }

    /** The true {@code k} nearest of each query, by one pass over every raw vector in the index. */
    public int[][] exact(List<float[]> queries, int k) {
        TopK[] best = queries.stream().map(q -> new TopK(k)).toArray(TopK[]::new);
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(LuceneDocumentFormat.VECTOR);
                if (values == null) {
                    continue;
                }
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    float[] v = values.vectorValue(it.index());
                    for (int q = 0; q < best.length; q++) {
                        best[q].offer(leaf.docBase + doc, VectorUtil.dotProduct(queries.get(q), v));
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("reading the vectors failed: " + e.getMessage(), e);
        }
        return Arrays.stream(best).map(TopK::docs).toArray(int[][]::new);
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new StoreException("closing the vector index failed: " + e.getMessage(), e);
        }
    }

    /** The k best documents seen so far, kept sorted; k is small (10), so insertion is cheapest. */
    private static final class TopK {
        private final int[] docs;
        private final float[] scores;
        private int size;

        TopK(int k) {
            docs = new int[k];
            scores = new float[k];
        }

        void offer(int doc, float score) {
            if (size == docs.length && score <= scores[size - 1]) {
                return;
            }
            int i = size == docs.length ? size - 1 : size++;
            while (i > 0 && scores[i - 1] < score) {
                docs[i] = docs[i - 1];
                scores[i] = scores[i - 1];
                i--;
            }
            docs[i] = doc;
            scores[i] = score;
        }

        int[] docs() {
            return Arrays.copyOf(docs, size);
        }
    }
}
