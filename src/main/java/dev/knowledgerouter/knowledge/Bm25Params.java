package dev.knowledgerouter.knowledge;

/** BM25's term-frequency saturation {@code k1} and length normalisation {@code b}. */
public record Bm25Params(double k1, double b) {
    /** What both stores use unless told otherwise: tuned on SciFact and CoSQA (docs/retrieval.md). */
    public static final Bm25Params DEFAULT = new Bm25Params(0.9, 0.4);
    /** Lucene's (and Elasticsearch's) own defaults. */
    public static final Bm25Params LUCENE_DEFAULTS = new Bm25Params(1.2, 0.75);

    public Bm25Params {
        if (k1 < 0 || b < 0 || b > 1) {
            throw new IllegalArgumentException("BM25 needs k1 >= 0 and 0 <= b <= 1, got k1=" + k1 + ", b=" + b);
        }
    }

    @Override
    public String toString() {
        return "bm25(k1=" + k1 + ", b=" + b + ")";
    }
}
