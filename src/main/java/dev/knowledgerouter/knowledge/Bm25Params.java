package dev.knowledgerouter.knowledge;

import org.apache.lucene.search.similarities.BM25Similarity;

/** BM25's term-frequency saturation {@code k1} and length normalisation {@code b}. */
public record Bm25Params(double k1, double b) {
    /** Lucene's (and Elasticsearch's) defaults. */
    public static final Bm25Params DEFAULT = new Bm25Params(1.2, 0.75);

    public Bm25Params {
        if (k1 < 0 || b < 0 || b > 1) {
            throw new IllegalArgumentException("BM25 needs k1 >= 0 and 0 <= b <= 1, got k1=" + k1 + ", b=" + b);
        }
    }

    public BM25Similarity similarity() {
        return new BM25Similarity((float) k1, (float) b);
    }

    @Override
    public String toString() {
        return "bm25(k1=" + k1 + ", b=" + b + ")";
    }
}
