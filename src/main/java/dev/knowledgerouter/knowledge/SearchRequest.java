package dev.knowledgerouter.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A k-nearest-neighbour search in one collection. {@code minScore} is a cosine threshold; {@code
 * filters} require exact payload values (a list-valued field matches when any element equals).
 */
public record SearchRequest(String collection, float[] vector, int k, double minScore, Map<String, String> filters) {
    public static final int MAX_K = 1000;

    public SearchRequest {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(vector, "vector");
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        filters = Map.copyOf(filters);
    }

    public static SearchRequest of(String collection, float[] vector, int k) {
        return new SearchRequest(collection, vector, k, -1.0, Map.of());
    }

    public SearchRequest withMinScore(double score) {
        return new SearchRequest(collection, vector, k, score, filters);
    }

    public SearchRequest withFilter(String field, String value) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put(field, value);
        return new SearchRequest(collection, vector, k, minScore, f);
    }

    public SearchRequest inCollection(String other) {
        return new SearchRequest(other, vector, k, minScore, filters);
    }
}
