package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Map;

/** A search result. {@code score} is the cosine similarity between the query and the entry, in [-1, 1]. */
public record SearchHit(String collection, String id, double score, Map<String, Object> payload, Instant timestamp) {
}
