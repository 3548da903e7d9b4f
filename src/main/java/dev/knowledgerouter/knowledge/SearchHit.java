package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Map;

/**
 * A search result. {@code score} is always the cosine similarity between the query and the entry,
 * in [-1, 1], whatever the mode: routing thresholds rely on it. {@code rankScore} is what the hit
 * was ranked by (the cosine, a BM25 score, or a fused score), comparable only within one search mode.
 */
public record SearchHit(
        String collection, String id, double score, double rankScore, Map<String, Object> payload, Instant timestamp) {
    public SearchHit(String collection, String id, double score, Map<String, Object> payload, Instant timestamp) {
        this(collection, id, score, score, payload, timestamp);
    }
}
