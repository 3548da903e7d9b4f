package dev.knowledgerouter.knowledge.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * How the HNSW graph's vectors are held in an index. The quantized formats keep the raw floats on disk
 * too (for merges and exact rescoring) but search, and so keep in memory, only the quantized copy.
 */
public enum VectorFormat {
    /** Lucene's default: 4 bytes a dimension, searched as floats (what the store writes today). */
    FLOAT,
    /** Optimized scalar quantization to one byte a dimension. */
    INT8,
    /** Optimized scalar quantization to seven bits a dimension. */
    INT7,
    /** Half a byte a dimension. */
    INT4,
    /** One bit a dimension, queries at four bits. */
    BINARY;

    /** Lucene's defaults for the graph (16 neighbours a node, a beam of 100 while building). */
    KnnVectorsFormat knnFormat() {
        int m = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
        int beam = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;
        return switch (this) {
            case FLOAT -> new Lucene99HnswVectorsFormat(m, beam);
            case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, m, beam);
            case INT7 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, m, beam);
            case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, m, beam);
            case BINARY ->
                new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m, beam);
        };
    }
}
