package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One entry to write: a stable id, its payload (JSON-compatible values), its vector and its time. */
public record Entry(String id, Map<String, Object> payload, float[] vector, Instant timestamp) {
    public static final int MAX_ID_CHARS = 512;

    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(timestamp, "timestamp");
        if (id.isBlank()) {
            throw new IllegalArgumentException("entry id must not be blank");
        }
        if (id.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException(
                    "entry id is " + id.length() + " characters long; ids are at most " + MAX_ID_CHARS);
        }
        // JSON nulls carry nothing and Map.copyOf refuses them.
        Map<String, Object> copy = new LinkedHashMap<>();
        payload.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        payload = Collections.unmodifiableMap(copy);
    }

    /**
     * The entries a batch writes: the last entry of each id, as if the batch were written one entry at a
     * time, in the order each id first appears.
     */
    public static List<Entry> lastOfEachId(List<Entry> entries) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        return List.copyOf(byId.values());
    }
}
