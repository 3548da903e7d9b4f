package dev.knowledgerouter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.knowledge.WellFormedText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, read with the checks the schema announces. The SDK's own schema check
 * is off (see {@link McpServers}): its messages are a validator's dump, these name the argument,
 * what came instead, and what to send. Every name and string among them must be well-formed text
 * ({@link WellFormedText}), on either transport, or the call is refused before a tool sees it.
 */
final class ToolArguments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> values;

    ToolArguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
        WellFormedText.check(JSON.valueToTree(this.values));
    }

    /** Refuses arguments the tool does not declare: a misspelt name must not be ignored silently. */
    ToolArguments onlyOf(Set<String> declared) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(declared);
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("unknown argument" + (unknown.size() == 1 ? " " : "s ") + quoted(unknown)
                    + "; this tool takes " + quoted(new TreeSet<>(declared)));
        }
        return this;
    }

    /** A string that must be present and not blank, stripped. */
    String requiredText(String name, String example) {
        return optionalText(name)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new InvalidRequestException(
                        "'" + name + "' is " + (values.get(name) == null ? "missing" : "empty")
                                + "; pass it as text, e.g. \"" + name + "\": \"" + example + "\""));
    }

    Optional<String> optionalText(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new InvalidRequestException("'" + name + "' must be a string, got " + described(v));
        }
        return Optional.of(s.strip());
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    int integer(String name, int min, int max, int fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        // JSON has one number type; 5.0 is still the whole number 5.
        boolean whole = v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || (v instanceof Number n
                        && n.doubleValue() == Math.rint(n.doubleValue())
                        && !Double.isInfinite(n.doubleValue()));
        if (!whole) {
            throw new InvalidRequestException(
                    "'" + name + "' must be a whole number between " + min + " and " + max + ", got " + described(v));
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw new InvalidRequestException("'" + name + "' must be between " + min + " and " + max + ", got " + n);
        }
        return (int) n;
    }

    /** A whole number in {@code [min, max]}, or empty when absent. */
    OptionalInt optionalInteger(String name, int min, int max) {
        return has(name) ? OptionalInt.of(integer(name, min, max, min)) : OptionalInt.empty();
    }

    /** A number in {@code [min, max]}, or empty when absent. */
    OptionalDouble optionalNumber(String name, double min, double max) {
        Object v = values.get(name);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new InvalidRequestException("'" + name + "' must be a number between " + plain(min) + " and "
                    + plain(max) + ", got " + described(v));
        }
        return OptionalDouble.of(n.doubleValue());
    }

    /** 2 rather than 2.0, 0.5 as it is. */
    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** One of {@code allowed}, required. */
    String choice(String name, List<String> allowed) {
        requiredText(name, allowed.getFirst());
        return optionalChoice(name, allowed).orElseThrow();
    }

    /** One of {@code allowed}, or empty when absent. */
    Optional<String> optionalChoice(String name, List<String> allowed) {
        Optional<String> value = optionalText(name).filter(s -> !s.isEmpty());
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw new InvalidRequestException(
                    "'" + name + "' must be one of " + quoted(allowed) + ", got \"" + value.get() + "\"");
        }
        return value;
    }

    /** A list of non-blank strings, empty when absent. */
    List<String> textList(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidRequestException(
                    "'" + name + "' must be an array of strings such as [\"maven\", \"tls\"], got " + described(v));
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new InvalidRequestException("'" + name + "' must hold non-empty strings only, got "
                        + (item == null ? "null" : described(item)));
            }
            out.add(s.strip());
        }
        return List.copyOf(out);
    }

    /** true or false, or {@code fallback} when absent; a string such as "true" is refused: the schema says boolean. */
    boolean flag(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidRequestException("'" + name + "' must be true or false, got " + described(v));
        }
        return b;
    }

    /** The argument as JSON, for shapes read elsewhere (a conversation's history); null when absent. */
    JsonNode json(String name) {
        Object v = values.get(name);
        return v == null ? null : JSON.valueToTree(v);
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    /** The JSON type and (shortened) value that came instead, e.g. {@code string "5"}. */
    private static String described(Object v) {
        String value = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return switch (v) {
            case String s -> "string " + shown;
            case Boolean b -> "boolean " + shown;
            case Number n -> "number " + shown;
            case List<?> l -> "an array";
            case Map<?, ?> m -> "an object";
            default -> v.getClass().getSimpleName();
        };
    }

    private static String quoted(Collection<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
