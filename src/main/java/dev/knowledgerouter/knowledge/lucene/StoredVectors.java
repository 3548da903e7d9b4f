package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.VectorUtil;

/** An entry's vector read back from the index, by the searcher's document number. */
final class StoredVectors {
    private StoredVectors() {}

    /** The vector of {@code doc}, copied out of the index. */
    static float[] of(IndexSearcher searcher, int doc) throws IOException {
        FloatVectorValues values = valuesAt(searcher, doc);
        int index = values == null ? -1 : indexOf(searcher, values, doc);
        if (index < 0) {
            throw new StoreException("entry has no stored vector; the index is damaged");
        }
        return values.vectorValue(index).clone();
    }

    /** The cosine of {@code doc} with a query vector (a dot product of unit vectors), or -1 when it has no vector. */
    static double cosine(IndexSearcher searcher, int doc, float[] query) throws IOException {
        FloatVectorValues values = valuesAt(searcher, doc);
        int index = values == null ? -1 : indexOf(searcher, values, doc);
        return index < 0 ? -1 : VectorUtil.dotProduct(query, values.vectorValue(index));
    }

    private static FloatVectorValues valuesAt(IndexSearcher searcher, int doc) throws IOException {
        return leafOf(searcher, doc).reader().getFloatVectorValues(LuceneDocumentFormat.VECTOR);
    }

    /** The vector's index within its segment's values, or -1 when the document has none. */
    private static int indexOf(IndexSearcher searcher, FloatVectorValues values, int doc) throws IOException {
        int inLeaf = doc - leafOf(searcher, doc).docBase;
        KnnVectorValues.DocIndexIterator it = values.iterator();
        return it.advance(inLeaf) == inLeaf ? it.index() : -1;
    }

    private static LeafReaderContext leafOf(IndexSearcher searcher, int doc) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        return leaves.get(ReaderUtil.subIndex(doc, leaves));
    }
}
