package dev.knowledgerouter.knowledge;

/** How a search ranks: by embedding similarity, by BM25 over the embedded text, or by both fused. */
public enum SearchMode {
    DENSE,
    BM25,
    HYBRID
}
