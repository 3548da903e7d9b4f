package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions an entry had before it was replaced, oldest first, kept in its payload under {@link #KEY}.
 * They are not embedded and not indexed for BM25 (only a collection's declared text fields are), so
 * search never finds them; they are read back with the entry. The original version and the latest
 * ones are kept, {@link #MAX_KEPT} in all, so a run of replacements cannot grow an entry without bound
 * and what a curator wrote first can always be restored.
 */
public final class EntryVersions {
    public static final String KEY = "_versions";
    public static final int MAX_KEPT = 10;

    /** Version {@code version} of an entry: what it said, where that came from, and when it was replaced. */
    public record Version(int version, Map<String, Object> content, Provenance provenance, Instant replacedAt) {}

    private EntryVersions() {}

    /** The earlier versions kept in {@code payload}, oldest first. */
    public static List<Version> in(Map<String, Object> payload) {
        List<Version> versions = new ArrayList<>();
        if (payload.get(KEY) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> v
                        && v.get("version") instanceof Number n
                        && v.get("content") instanceof Map<?, ?> c) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> content = new LinkedHashMap<>((Map<String, Object>) c);
                    versions.add(new Version(
                            n.intValue(),
                            Collections.unmodifiableMap(content),
                            Provenance.read(v.get("provenance")),
                            Provenance.instant(v.get("replaced_at"))));
                }
            }
        }
        return versions;
    }

    /** The number of the version {@code payload} holds now: one past the last one kept, or 1. */
    public static int current(Map<String, Object> payload) {
        List<Version> earlier = in(payload);
        return earlier.isEmpty() ? 1 : earlier.getLast().version() + 1;
    }

    /**
     * The payload that replaces {@code previous} with {@code content}: the new provenance, and the earlier
     * versions with {@code previous} itself added as the latest of them when {@code keepPrevious}.
     */
    public static Map<String, Object> replacing(
            Map<String, Object> previous,
            Map<String, Object> content,
            Provenance provenance,
            Instant now,
            boolean keepPrevious) {
        List<Object> kept = new ArrayList<>(previous.get(KEY) instanceof List<?> l ? l : List.of());
        if (keepPrevious) {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("version", current(previous));
            version.put("content", EntryContent.of(previous));
            version.put("provenance", Provenance.in(previous).toPayload());
            version.put("replaced_at", now.toString());
            kept.add(version);
            if (kept.size() > MAX_KEPT) {
                kept.subList(1, kept.size() - (MAX_KEPT - 1)).clear();
            }
        }
        Map<String, Object> payload = provenance.into(content);
        if (!kept.isEmpty()) {
            payload.put(KEY, kept);
        }
        return payload;
    }
}
