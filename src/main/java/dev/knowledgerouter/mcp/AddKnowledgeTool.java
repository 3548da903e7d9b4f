package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.TextHash;
import dev.knowledgerouter.knowledge.seed.AddedEntry;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code add_knowledge}: stores a solution the agent verified into a knowledge collection, as a seed
 * line would be stored, so the next search finds it. Its arguments are the fields the collections
 * declare (one flat list: agents fill flat schemas more reliably than one schema per collection).
 */
final class AddKnowledgeTool implements KrTool {
    static final String NAME = "add_knowledge";
    static final String TAGS = "tags";
    static final String REPLACE = "replace";
    private static final int MAX_FIELD_CHARS = 20_000;
    private static final int MAX_TAGS = 20;

    private final App app;
    private final Map<String, CollectionDefinition> collections = new LinkedHashMap<>();

    AddKnowledgeTool(App app) {
        this.app = app;
        app.catalog().ofKind(CollectionKind.KNOWLEDGE).forEach(c -> collections.put(c.name(), c));
    }

    /** An earlier version kept with the entry: what it said and where that came from. */
    record EarlierVersion(int version, String title, String text, Provenance provenance, Instant replacedAt) {}

    record Result(
            String collection,
            String id,
            String change,
            String title,
            String note,
            Provenance provenance,
            int version,
            List<EarlierVersion> earlierVersions) {}

    @Override
    public McpSchema.Tool definition() {
        ToolSchema schema = ToolSchema.object()
                .choice(
                        "collection",
                        "Where the entry belongs: "
                                + collections.values().stream()
                                        .map(c -> c.name() + " ("
                                                + c.description().strip() + " Needs " + c.titleField() + " and "
                                                + c.answerField() + ".)")
                                        .collect(Collectors.joining("; ")),
                        List.copyOf(collections.keySet()),
                        true)
                .text(
                        "id",
                        "Stable id (optional); derived from the content when absent. An entry with this id "
                                + "and other content is curated knowledge and is replaced only with replace: true, "
                                + "on a server that allows it.",
                        false)
                .flag(
                        REPLACE,
                        "Replace the entry with this id even though it is curated (seeded or added earlier); "
                                + "the server must allow it (knowledge.allow_replace), and the previous version is kept.");
        for (String field : fieldNames()) {
            if (field.equals(TAGS)) {
                schema.textList(TAGS, "Keywords such as [\"maven\", \"tls\"], usable as search filters.");
            } else {
                schema.text(field, describe(field), false);
            }
        }
        return KrTool.define(
                NAME,
                "Store a solution you verified (it fixed the problem) in the knowledge base, so the next search finds it at once. "
                        + "Give the collection and its fields, e.g. for error-solutions the error as printed and the solution, "
                        + "with the context and root cause when known. Adding the same content again changes nothing; "
                        + "an existing entry with other content is not replaced unless the call says replace: true "
                        + "and the server allows it.",
                schema,
                KrTool.writes("Add to the knowledge base", true));
    }

    @Override
    public Object call(ToolArguments arguments) {
        CollectionDefinition c = collections.get(arguments.choice("collection", List.copyOf(collections.keySet())));
        Set<String> own = fieldsOf(c);
        List<String> foreign = fieldNames().stream()
                .filter(f -> arguments.has(f) && !own.contains(f))
                .toList();
        if (!foreign.isEmpty()) {
            throw new InvalidRequestException(
                    String.join(", ", foreign) + (foreign.size() == 1 ? " is not a field" : " are not fields") + " of "
                            + c.name() + "; its fields are " + String.join(", ", own));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String field : own) {
            if (field.equals(TAGS)) {
                continue;
            }
            String value = arguments.optionalText(field).orElse("");
            if (value.length() > MAX_FIELD_CHARS) {
                throw new InvalidRequestException(
                        "'" + field + "' has " + value.length() + " characters; keep it under " + MAX_FIELD_CHARS);
            }
            if (!value.isEmpty()) {
                record.put(field, value);
            } else if (field.equals(c.titleField()) || field.equals(c.answerField())) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(c.name() + " needs '" + c.titleField() + "' and '" + c.answerField()
                    + "'; missing: " + String.join(", ", missing));
        }
        List<String> tags = arguments.textList(TAGS);
        if (tags.size() > MAX_TAGS) {
            throw new InvalidRequestException("'tags' has " + tags.size() + " entries; keep at most " + MAX_TAGS);
        }
        if (!tags.isEmpty()) {
            record.put(TAGS, tags);
        }
        // Entries added before provenance existed carry this mark: re-adding one of them as it was stays unchanged.
        record.put("source", "mcp");
        String id = arguments.optionalText("id").filter(s -> !s.isEmpty()).orElseGet(() -> derivedId(c, record));
        record.put("id", id);
        boolean replace = arguments.flag(REPLACE, false);
        AddedEntry added = app.knowledgeAdder().add(c.name(), record, replace);
        String change = added.change().name().toLowerCase(Locale.ROOT);
        String note = switch (added.change()) {
            case UNCHANGED -> "already stored as given";
            case UPDATED -> "searchable now; the previous version is kept as version " + (added.version() - 1);
            case CREATED -> "searchable now";
        };
        List<EarlierVersion> earlier = added.earlierVersions().stream()
                .map(v -> new EarlierVersion(
                        v.version(), c.titleOf(v.content()), c.answerOf(v.content()), v.provenance(), v.replacedAt()))
                .toList();
        return new Result(
                added.collection(),
                added.id(),
                change,
                c.titleOf(record),
                note,
                added.provenance(),
                added.version(),
                earlier);
    }

    /** A readable, stable id: the title as a slug and a hash of everything embedded or shown, so equal content gets an equal id. */
    static String derivedId(CollectionDefinition c, Map<String, Object> record) {
        String slug = c.titleOf(record)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        String hash = TextHash.of(c.name() + "\n" + c.textOf(record) + "\n" + c.answerOf(record))
                .substring(0, 8);
        return (slug.isEmpty() ? "entry" : slug) + "-" + hash;
    }

    /** A collection's own fields: title, the embedded ones, the answer, the filters. */
    private static Set<String> fieldsOf(CollectionDefinition c) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add(c.titleField());
        fields.addAll(c.textFields());
        fields.add(c.answerField());
        fields.addAll(c.filterFields());
        return fields;
    }

    private List<String> fieldNames() {
        Set<String> all = new LinkedHashSet<>();
        collections.values().forEach(c -> all.addAll(fieldsOf(c)));
        return List.copyOf(all);
    }

    private String describe(String field) {
        return collections.values().stream()
                .filter(c -> fieldsOf(c).contains(field))
                .map(c -> {
                    List<String> roles = new ArrayList<>();
                    if (field.equals(c.titleField()) || field.equals(c.answerField())) {
                        roles.add("required");
                    }
                    if (c.textFields().contains(field)) {
                        roles.add("searched");
                    }
                    if (field.equals(c.answerField())) {
                        roles.add("the answer shown");
                    }
                    if (c.filterFields().contains(field)) {
                        roles.add("a filter");
                    }
                    return c.name() + (roles.isEmpty() ? "" : " (" + String.join(", ", roles) + ")");
                })
                .collect(Collectors.joining("; ", "Field of ", "."));
    }
}
