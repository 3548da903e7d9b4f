package dev.knowledgerouter.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A position in the kr.yaml tree that knows its dotted path, so that every error names the key and
 * the file. A section that is absent reads as empty, so its keys fall back to their defaults.
 */
record YamlNode(JsonNode json, String path, String file) {

    /** The root of {@code file}, which must be a mapping; an empty file is an empty mapping. */
    static YamlNode read(Path file) {
        JsonNode json;
        try {
            JsonNode node = new YAMLMapper().readTree(file.toFile());
            json = node == null || node.isMissingNode() || node.isNull() ? emptyMapping() : node;
        } catch (JacksonException e) {
            String line =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(file + " is not valid YAML" + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString();
        if (!json.isObject()) {
            throw new ConfigException(name + " must be a mapping of keys (home, server, ollama, claude, routing)");
        }
        return new YamlNode(json, "", name);
    }

    /** The root when there is no kr.yaml. */
    static YamlNode empty() {
        return new YamlNode(emptyMapping(), "", "kr.yaml");
    }

    /** From the node factory a mapper would use: building a mapper for it cost every command tens of milliseconds. */
    private static JsonNode emptyMapping() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Where {@code key} sits, for messages: {@code kr.yaml: server.port}; the empty key is this node. */
    String path(String key) {
        if (key.isEmpty()) {
            return file + ": " + path;
        }
        return file + ": " + (path.isEmpty() ? key : path + "." + key);
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    /** Refuses any key but these: a typo must not leave the default in force silently. */
    void allowOnly(String... keys) {
        List<String> allowed = List.of(keys);
        json.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new ConfigException(
                        path(k) + " is not a known key; known keys here: " + String.join(", ", allowed));
            }
        });
    }

    YamlNode child(String key) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (!has(key)) {
            return new YamlNode(emptyMapping(), childPath, file);
        }
        JsonNode c = json.get(key);
        if (!c.isObject() && !c.isArray()) {
            throw new ConfigException(path(key) + " must be a mapping or a list, got '" + c.asText() + "'");
        }
        return new YamlNode(c, childPath, file);
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        json.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The entries of a list of rules, each a mapping. */
    List<YamlNode> elements() {
        if (!json.isArray()) {
            throw new ConfigException(
                    file + ": " + path + " must be a list of {relevance_above, complexity_below} rules");
        }
        return elements("a mapping such as {relevance_above: 0.8, complexity_below: 4}");
    }

    /** The entries of a list, each a mapping; {@code shape} shows one in messages. */
    List<YamlNode> elements(String shape) {
        if (!json.isArray()) {
            throw new ConfigException(file + ": " + path + " must be a list, each entry " + shape);
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode e = json.get(i);
            if (!e.isObject()) {
                throw new ConfigException(file + ": " + path + "[" + i + "] must be " + shape);
            }
            out.add(new YamlNode(e, path + "[" + i + "]", file));
        }
        return out;
    }

    List<String> strings(String key) {
        return strings(key, "[llama3.2:3b, qwen2.5-coder:1.5b]");
    }

    /** A list of names; {@code example} is shown when the value is not a list. */
    List<String> strings(String key, String example) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode v = json.get(key);
        if (!v.isArray()) {
            throw new ConfigException(path(key) + " must be a list, e.g. " + example);
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new ConfigException(path(key) + " must list names, got " + e);
            }
            out.add(e.asText());
        });
        return out;
    }

    Optional<String> text(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = json.get(key);
        if (!v.isValueNode()) {
            throw new ConfigException(path(key) + " must be a single value");
        }
        return Optional.of(v.asText());
    }

    int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = json.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ConfigException(path(key) + " must be a whole number, got '" + v.asText() + "'");
        }
        return v.asInt();
    }

    double number(String key) {
        if (!has(key)) {
            throw new ConfigException(path(key) + " is required");
        }
        JsonNode v = json.get(key);
        if (!v.isNumber()) {
            throw new ConfigException(path(key) + " must be a number, got '" + v.asText() + "'");
        }
        return v.asDouble();
    }

    /** A number that may be absent. */
    double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    /** A yes/no setting: YAML's true or false, never a string that merely looks like one. */
    boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = json.get(key);
        if (!v.isBoolean()) {
            throw new ConfigException(path(key) + " must be true or false, got '" + v.asText() + "'");
        }
        return v.asBoolean();
    }
}
