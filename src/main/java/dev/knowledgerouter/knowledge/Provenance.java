package dev.knowledgerouter.knowledge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Where a stored entry came from and when, kept in its payload under {@link #KEY} by whatever wrote
 * it, so both stores hold it as they hold the rest of the payload. {@code file} names the seed file
 * of a seeded entry; {@code updatedBy} and {@code updatedAt} record a later change that did not
 * replace the entry (feedback on an interaction). An entry written before provenance existed reads
 * as {@link Source#UNKNOWN}.
 */
public record Provenance(Source source, String file, Instant at, Source updatedBy, Instant updatedAt) {
    public static final String KEY = "_provenance";

    public enum Source {
        /** Loaded from a seed file by {@code kr seed} or on the first start. */
        SEED,
        /** Stored through {@code add_knowledge} (MCP). */
        ADD_KNOWLEDGE,
        /** An answered query, written by the router's own loop. */
        INTERACTION,
        /** A verdict on an interaction; a change, never the origin of an entry. */
        FEEDBACK,
        /** Written before entries recorded their provenance. */
        UNKNOWN;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Source parse(Object value) {
            return Arrays.stream(values())
                    .filter(s -> s.wireName().equals(value))
                    .findFirst()
                    .orElse(UNKNOWN);
        }
    }

    public static Provenance of(Source source, Instant at) {
        return new Provenance(source, null, at, null, null);
    }

    public static Provenance seed(String file, Instant at) {
        return new Provenance(Source.SEED, file, at, null, null);
    }

    /**
     * Curated: not written by the router's own loop. Such an entry is replaced only by seeding or by a
     * call that says {@code replace: true} to a server that allows it; an entry of unknown origin counts
     * as curated, since the loop has always recorded what it wrote.
     */
    public boolean curated() {
        return source != Source.INTERACTION;
    }

    /** The provenance stored in {@code payload}; {@link Source#UNKNOWN} when there is none. */
    public static Provenance in(Map<String, Object> payload) {
        return read(payload.get(KEY));
    }

    /** A provenance as {@link #toPayload} wrote it; {@link Source#UNKNOWN} for anything else. */
    public static Provenance read(Object stored) {
        if (!(stored instanceof Map<?, ?> p)) {
            return new Provenance(Source.UNKNOWN, null, null, null, null);
        }
        Source updatedBy = p.get("updated_by") == null ? null : Source.parse(p.get("updated_by"));
        return new Provenance(
                Source.parse(p.get("source")),
                p.get("file") instanceof String f ? f : null,
                instant(p.get("at")),
                updatedBy,
                instant(p.get("updated_at")));
    }

    /** {@code payload} with this provenance in it. */
    public Map<String, Object> into(Map<String, Object> payload) {
        Map<String, Object> out = new LinkedHashMap<>(payload);
        out.put(KEY, toPayload());
        return out;
    }

    public Provenance updated(Source by, Instant when) {
        return new Provenance(source, file, at, by, when);
    }

    /** The same origin, whenever it was written: what re-seeding compares. */
    public boolean sameOrigin(Provenance other) {
        return source == other.source && Objects.equals(file, other.file);
    }

    public Map<String, Object> toPayload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", source.wireName());
        if (file != null) {
            p.put("file", file);
        }
        if (at != null) {
            p.put("at", at.toString());
        }
        if (updatedBy != null) {
            p.put("updated_by", updatedBy.wireName());
        }
        if (updatedAt != null) {
            p.put("updated_at", updatedAt.toString());
        }
        return p;
    }

    /** One line for messages: {@code seed (error-solutions.jsonl, 2026-11-22T10:00:00Z)}. */
    public String describe() {
        StringBuilder s = new StringBuilder(source.wireName());
        if (file != null || at != null) {
            StringJoiner parts = new StringJoiner(", ", " (", ")");
            if (file != null) {
                parts.add(file);
            }
            if (at != null) {
                parts.add(at.toString());
            }
            s.append(parts);
        }
        return s.toString();
    }

    public static Instant instant(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
