package dev.knowledgerouter.knowledge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A search in one collection. {@code vector} is the query's embedding; {@code text} its words, used by
 * BM25 and hybrid modes. {@code minScore} is a cosine threshold; {@code filters} require exact values
 * of declared filter fields (a list-valued field matches when any element equals). {@code staleness} is
 * how old a view of the collection the search accepts: zero (the default) sees every write acknowledged
 * before the search began; an allowance sees every write acknowledged at least that long before, which lets
 * a store that makes writes visible in batches (the Lucene store refreshes its searchers) refresh once per
 * allowance instead of once per write. Stores that show every write at once ignore it.
 */
public record SearchRequest(
        String collection,
        float[] vector,
        String text,
        SearchMode mode,
        int k,
        double minScore,
        Map<String, String> filters,
        Duration staleness) {
    public static final int MAX_K = 1000;

    public SearchRequest(String collection, float[] vector, int k, double minScore, Map<String, String> filters) {
        this(collection, vector, "", SearchMode.DENSE, k, minScore, filters);
    }

    public SearchRequest(
            String collection,
            float[] vector,
            String text,
            SearchMode mode,
            int k,
            double minScore,
            Map<String, String> filters) {
        this(collection, vector, text, mode, k, minScore, filters, Duration.ZERO);
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
        Objects.requireNonNull(staleness, "staleness");
        if (staleness.isNegative()) {
            throw new IllegalArgumentException("staleness must not be negative, got " + staleness);
        }
    }

    public static SearchRequest of(String collection, float[] vector, int k) {
        return new SearchRequest(collection, vector, k, -1.0, Map.of());
    }

    public SearchRequest withMinScore(double score) {
        return new SearchRequest(collection, vector, text, mode, k, score, filters, staleness);
    }

    public SearchRequest withText(String queryText, SearchMode searchMode) {
        return new SearchRequest(collection, vector, queryText, searchMode, k, minScore, filters, staleness);
    }

    public SearchRequest withFilter(String field, String value) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put(field, value);
        return new SearchRequest(collection, vector, text, mode, k, minScore, f, staleness);
    }

    public SearchRequest inCollection(String other) {
        return new SearchRequest(other, vector, text, mode, k, minScore, filters, staleness);
    }

    /** The same search, accepting a view of the collection up to {@code allowance} old (see the class comment). */
    public SearchRequest withStaleness(Duration allowance) {
        return new SearchRequest(collection, vector, text, mode, k, minScore, filters, allowance);
    }
}
