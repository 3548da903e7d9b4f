package dev.knowledgerouter.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a tool's input schema: a JSON Schema object whose properties are the tool's arguments, in the order given. */
final class ToolSchema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static ToolSchema object() {
        return new ToolSchema();
    }

    ToolSchema text(String name, String description, boolean isRequired) {
        return property(name, ordered("type", "string", "description", description), isRequired);
    }

    ToolSchema integer(String name, String description, int min, int max, int fallback) {
        return property(
                name,
                ordered(
                        "type",
                        "integer",
                        "description",
                        description + " (" + min + "-" + max + ", default " + fallback + ")",
                        "minimum",
                        min,
                        "maximum",
                        max,
                        "default",
                        fallback),
                false);
    }

    /** An optional whole number without a default: absent means the server's configuration decides. */
    ToolSchema optionalInteger(String name, String description, int min, int max) {
        return property(
                name,
                ordered(
                        "type",
                        "integer",
                        "description",
                        description + " (" + min + "-" + max + ")",
                        "minimum",
                        min,
                        "maximum",
                        max),
                false);
    }

    /** An optional number without a default. */
    ToolSchema number(String name, String description, double min, double max) {
        return property(
                name, ordered("type", "number", "description", description, "minimum", min, "maximum", max), false);
    }

    ToolSchema choice(String name, String description, List<String> values, boolean isRequired) {
        return property(
                name, ordered("type", "string", "description", description, "enum", List.copyOf(values)), isRequired);
    }

    ToolSchema flag(String name, String description) {
        return property(
                name,
                ordered("type", "boolean", "description", description + " (default false)", "default", false),
                false);
    }

    ToolSchema textList(String name, String description) {
        return property(
                name, ordered("type", "array", "description", description, "items", Map.of("type", "string")), false);
    }

    /** An optional conversation history: an array of {role, content} objects. */
    ToolSchema history(String name, String description) {
        Map<String, Object> turn = ordered(
                "type",
                "object",
                "properties",
                ordered(
                        "role",
                        ordered("type", "string", "enum", List.of("user", "assistant", "system")),
                        "content",
                        Map.of("type", "string")),
                "required",
                List.of("role", "content"));
        return property(name, ordered("type", "array", "description", description, "items", turn), false);
    }

    private ToolSchema property(String name, Map<String, Object> schema, boolean isRequired) {
        properties.put(name, schema);
        if (isRequired) {
            required.add(name);
        }
        return this;
    }

    /** The argument names, for refusing the ones a tool does not know. */
    Set<String> names() {
        return Set.copyOf(properties.keySet());
    }

    Map<String, Object> build() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
        schema.put("required", List.copyOf(required));
        // A misspelt argument would otherwise be dropped silently and the call answered as if it were absent.
        schema.put("additionalProperties", false);
        return Collections.unmodifiableMap(schema);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
