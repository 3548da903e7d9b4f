package dev.knowledgerouter.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A collection as declared in {@code collections/<name>.yaml}: which payload fields are embedded,
 * which one is the answer shown to users, which one names an entry in one line, and which ones can
 * be used as exact-match search filters.
 */
public record CollectionDefinition(
        String name,
        String description,
        CollectionKind kind,
        List<String> textFields,
        String answerField,
        String titleField,
        List<String> filterFields) {

    public CollectionDefinition(
            String name,
            String description,
            CollectionKind kind,
            List<String> textFields,
            String answerField,
            String titleField) {
        this(name, description, kind, textFields, answerField, titleField, List.of());
    }

    public CollectionDefinition {
        checkedName(name);
        textFields = List.copyOf(textFields);
        filterFields = List.copyOf(filterFields);
        if (textFields.isEmpty()) {
            throw new IllegalArgumentException("collection '" + name + "' needs at least one text field");
        }
    }

    /**
     * {@code name} when it can name a collection (and so a folder): lowercase letters, digits, '-' or '_'.
     *
     * @throws IllegalArgumentException naming the rule otherwise
     */
    public static String checkedName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException(
                    "collection name '" + name + "' must be lowercase letters, digits, '-' or '_' (at most 64)");
        }
        return name;
    }

    /** The text that is embedded for an entry: its text fields in declared order, one paragraph each. */
    public String textOf(Map<String, Object> payload) {
        StringJoiner joiner = new StringJoiner("\n");
        for (String field : textFields) {
            String value = PayloadText.of(payload.get(field));
            if (!value.isBlank()) {
                joiner.add(value.strip());
            }
        }
        return joiner.toString();
    }

    public String answerOf(Map<String, Object> payload) {
        return PayloadText.of(payload.get(answerField));
    }

    public String titleOf(Map<String, Object> payload) {
        String title = PayloadText.of(payload.get(titleField));
        return title.isBlank() ? textOf(payload).lines().findFirst().orElse("") : title;
    }
}
