package dev.knowledgerouter.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The collections declared in {@code collections/*.yaml}. Each file declares one collection:
 * <pre>
 * name: error-solutions
 * description: Known errors with their root cause and fix
 * kind: knowledge            # knowledge | history | code
 * text_fields: [error, context, root_cause]
 * answer_field: solution
 * title_field: error
 * filter_fields: [tags]      # payload fields usable as exact-match filters
 * </pre>
 */
public final class CollectionCatalog {
    public static final String HISTORY = "interaction-history";
    private static final Set<String> KEYS =
            Set.of("name", "description", "kind", "text_fields", "answer_field", "title_field", "filter_fields");

    private final Map<String, CollectionDefinition> definitions;
    private final List<String> order;

    private CollectionCatalog(Map<String, CollectionDefinition> definitions) {
        this.definitions = Map.copyOf(definitions);
        this.order = List.copyOf(definitions.keySet());
    }

    public static CollectionCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StoreException("collection definitions not found: " + dir
                    + " is not a directory; set collections_dir in kr.yaml or run kr from the project folder");
        }
        Map<String, CollectionDefinition> defs = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            CollectionDefinition d = parse(file);
            if (defs.putIfAbsent(d.name(), d) != null) {
                throw new StoreException(
                        file + ": collection '" + d.name() + "' is declared twice; keep one file per collection");
            }
        }
        if (!defs.containsKey(HISTORY)) {
            throw new StoreException(dir + " has no definition for '" + HISTORY
                    + "'; every interaction is stored there, restore collections/" + HISTORY + ".yaml");
        }
        if (defs.get(HISTORY).kind() != CollectionKind.HISTORY) {
            throw new StoreException(dir + ": '" + HISTORY
                    + "' must have kind: history; as knowledge, past queries would drive routing relevance");
        }
        return new CollectionCatalog(defs);
    }

    public static CollectionCatalog of(List<CollectionDefinition> definitions) {
        Map<String, CollectionDefinition> defs = new LinkedHashMap<>();
        definitions.forEach(d -> defs.put(d.name(), d));
        return new CollectionCatalog(defs);
    }

    public List<CollectionDefinition> all() {
        return order.stream().map(definitions::get).toList();
    }

    public List<CollectionDefinition> ofKind(CollectionKind kind) {
        return all().stream().filter(d -> d.kind() == kind).toList();
    }

    public Optional<CollectionDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    static CollectionDefinition parse(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new StoreException(file + line + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new StoreException(file + ": must be a mapping with name, kind, text_fields and answer_field");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new StoreException(file + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String name = required(file, root, "name");
        String kindText = root.path("kind").asText("knowledge").toUpperCase(Locale.ROOT);
        CollectionKind kind;
        try {
            kind = CollectionKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new StoreException(
                    file + ": kind '" + root.path("kind").asText() + "' is not one of knowledge, history, code");
        }
        List<String> textFields = names(file, root, "text_fields", true);
        List<String> filterFields = names(file, root, "filter_fields", false);
        String answer = required(file, root, "answer_field");
        String title = root.has("title_field") ? required(file, root, "title_field") : textFields.getFirst();
        try {
            return new CollectionDefinition(
                    name, root.path("description").asText(""), kind, textFields, answer, title, filterFields);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + ": " + e.getMessage());
        }
    }

    private static String required(Path file, JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            throw new StoreException(file + ": '" + key + "' is required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new StoreException(file + ": '" + key + "' must be a payload field name, got " + node);
        }
        return node.asText();
    }

    private static List<String> names(Path file, JsonNode root, String key, boolean required) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() && !required) {
            return List.of();
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            throw new StoreException(file + ": " + key + " must be a" + (required ? " non-empty" : "")
                    + " list of payload field names, e.g. [error, context]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode f : node) {
            if (!f.isTextual() || f.asText().isBlank()) {
                throw new StoreException(file + ": " + key + " must list field names, got " + f);
            }
            out.add(f.asText());
        }
        return out;
    }
}
