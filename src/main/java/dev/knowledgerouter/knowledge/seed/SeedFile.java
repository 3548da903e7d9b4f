package dev.knowledgerouter.knowledge.seed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.EntryContent;
import dev.knowledgerouter.knowledge.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed and validated {@code .jsonl} seed file: one JSON object a line with a stable {@code id},
 * at least one of the collection's text fields and its answer field. Parsing reports every problem
 * at once, as {@code file:line: what is wrong}, so one run shows everything to fix.
 */
public record SeedFile(Path path, CollectionDefinition collection, List<Map<String, Object>> records) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int MAX_REPORTED = 50;

    public static SeedFile read(Path path, CollectionDefinition collection) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Integer> firstLineOfId = new HashMap<>();
        try {
            JsonLines.read(path, (n, node, error) -> {
                String where = path + ":" + n + ": ";
                if (error != null) {
                    problems.add(where + error);
                    return;
                }
                Map<String, Object> record = JSON.convertValue(node, MAP);
                // Stored entries drop JSON nulls; drop them here too, or re-seeding would never see "unchanged".
                record.values().removeIf(Objects::isNull);
                String problem = problemWith(record, collection);
                if (problem != null) {
                    problems.add(where + problem);
                    return;
                }
                Integer earlier = firstLineOfId.putIfAbsent((String) record.get("id"), n);
                if (earlier != null) {
                    problems.add(where + "id '" + record.get("id") + "' is already used on line " + earlier
                            + "; ids must be unique");
                    return;
                }
                records.add(record);
            });
        } catch (IOException e) {
            throw new SeedException(List.of(path + ": cannot read (" + e.getMessage() + ")"));
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.size() > MAX_REPORTED ? problems.subList(0, MAX_REPORTED) : problems;
            throw new SeedException(shown);
        }
        return new SeedFile(path, collection, List.copyOf(records));
    }

    /** What makes {@code record} unfit for collection {@code c}, or null when it is fit. */
    static String problemWith(Map<String, Object> record, CollectionDefinition c) {
        if (!(record.get("id") instanceof String id) || id.isBlank()) {
            return "missing \"id\" (a stable string such as \"maven-pkix-path-building-failed\"; "
                    + "it makes re-seeding replace instead of duplicate)";
        }
        if (id.length() > Entry.MAX_ID_CHARS) {
            return "\"id\" is " + id.length() + " characters long; use a short stable id (at most " + Entry.MAX_ID_CHARS
                    + ")";
        }
        String reserved = record.keySet().stream()
                .filter(EntryContent::isReserved)
                .findFirst()
                .orElse(null);
        if (reserved != null) {
            return "\"" + reserved + "\" is kept by the router (where an entry came from, its earlier versions); "
                    + "remove it from the entry";
        }
        if (c.textOf(record).isBlank()) {
            return "none of the text fields " + c.textFields() + " of collection '" + c.name() + "' has text";
        }
        if (c.answerOf(record).isBlank()) {
            return "missing \"" + c.answerField() + "\", the answer field of collection '" + c.name() + "'";
        }
        return null;
    }
}
