package dev.knowledgerouter.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A search in one collection. {@code vector} is the query's embedding; {@code text} its words, used by
 * BM25 and hybrid modes. {@code minScore} is a cosine threshold; {@code filters} require exact values
 * of declared filter fields (a list-valued field matches when any element equals).
 */
public record SearchRequest(
        String collection,
        float[] vector,
        String text,
        SearchMode mode,
        int k,
        double minScore,
        Map<String, String> filters) {
    public static final int MAX_K = 1000;

    public SearchRequest(String collection, float[] vector, int k, double minScore, Map<String, String> filters) {
        this(collection, vector, "", SearchMode.DENSE, k, minScore, filters);
    }

    public SearchRequest {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(vector, "vector");
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        filters = Map.copyOf(filters);
        text = text == null ? "" : text;
        if (mode != SearchMode.DENSE && text.isBlank()) {
            throw new IllegalArgumentException(mode + " search needs the query text");
        }
    }

    public static SearchRequest of(String collection, float[] vector, int k) {
        return new SearchRequest(collection, vector, k, -1.0, Map.of());
    }

    public SearchRequest withMinScore(double score) {
        return new SearchRequest(collection, vector, text, mode, k, score, filters);
    }

    public SearchRequest withText(String queryText, SearchMode searchMode) {
        return new SearchRequest(collection, vector, queryText, searchMode, k, minScore, filters);
    }

    public SearchRequest withFilter(String field, String value) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put(field, value);
        return new SearchRequest(collection, vector, text, mode, k, minScore, f);
    }

    public SearchRequest inCollection(String other) {
        return new SearchRequest(other, vector, text, mode, k, minScore, filters);
    }
}
