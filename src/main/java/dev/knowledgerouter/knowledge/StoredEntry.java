package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Map;

/**
 * An entry as read back from a store. {@code textHash} identifies the embedded text, so callers can
 * skip re-embedding entries that did not change.
 */
public record StoredEntry(
        String collection, String id, Map<String, Object> payload, Instant timestamp, String textHash) {}
