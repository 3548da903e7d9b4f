package dev.knowledgerouter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Hostile request parts from a seeded random generator: JSON bodies shaped by a schema with one flaw
 * injected (bytes that are not UTF-8, an unpaired surrogate escape, a broken structure, a wrong type),
 * query values and path segments that are not percent-encoded UTF-8, header values that are not UTF-8,
 * and, now and then, text that is well-formed but unkind (bidi overrides, NUL, 20,000 characters).
 */
final class HostileInput {
    /** Well-formed text a client should not send but may: each must be handled, and may be stored. */
    static final List<String> UNKIND = List.of(
            "\u202Eevil\u202C text",
            "zero\u200Dwidth\u200Bjoin",
            "e\u0301\u0301\u0301\u0301 combining",
            "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "nul \u0000 inside",
            "bell \u0007 and \u001B[31m escape",
            "line\nbreak\r\nand\ttab",
            "<script>alert(1)</script>",
            "'; DROP TABLE interactions; --",
            "../../../etc/passwd",
            "%s %n %x {0} ${jndi:ldap://example.invalid/a}",
            "\uFEFFbom first",
            "nonchars \uFFFE \uFFFF \uD83F\uDFFE",
            "\uD83D\uDE00".repeat(300),
            "a".repeat(20_000),
            " ");

    /** JSON string escapes that decode to broken UTF-16. */
    static final List<String> BAD_ESCAPES =
            List.of("\\ud800", "\\udfff", "\\udc00\\ud800", "x\\ud83d", "\\uDBFF\\u0041", "a\\ud800\\ud800b");

    /** Byte sequences UTF-8 forbids: stray, overlong, encoded surrogate, above U+10FFFF, truncated. */
    static final List<byte[]> BAD_BYTES = List.of(
            bytes(0xFF),
            bytes(0xFE, 0xFF),
            bytes(0xC0, 0xAF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xE2, 0x82),
            bytes(0x80),
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xC3));

    /** Percent-encodings that are not UTF-8 or not percent-encodings at all. */
    static final List<String> BAD_PERCENT = List.of(
            "%ff", "%fe%ff", "%C0%AF", "%ED%A0%80", "%E2%82", "%80", "%", "%zz", "%4", "%u0041", "%F4%90%80%80");

    /** Bodies broken as a whole. */
    static final List<String> BROKEN_BODIES = List.of(
            "",
            "{",
            "[]",
            "null",
            "\"just a string\"",
            "{\"query\": }",
            "[".repeat(3_000),
            "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
            "{\"query\": \"x\"}{\"query\": \"y\"}",
            "{\"query\": \"x\", \"query\": 5}",
            "{\"k\": 1e999999, \"days\": -99999999999999999999999}",
            "\u0000",
            "{'query': 'single quotes'}",
            "{\"query\": \"unterminated");

    private final SplittableRandom random;

    HostileInput(SplittableRandom random) {
        this.random = random;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** The flaw a JSON body carries. */
    enum Flaw {
        BAD_BYTES_IN_TEXT,
        BAD_BYTES_IN_NAME,
        BAD_ESCAPE,
        WRONG_TYPE,
        BROKEN,
        UNKIND_TEXT
    }

    Flaw flaw(double unkindShare) {
        if (chance(unkindShare)) {
            return Flaw.UNKIND_TEXT;
        }
        List<Flaw> flawed = List.of(Flaw.values()).subList(0, Flaw.values().length - 1);
        return pick(flawed);
    }

    /**
     * A body shaped by {@code schema} (an OpenAPI schema, with {@code $ref}s resolved by {@code resolve}) with
     * {@code flaw} in it; {@code unkind} receives the well-formed texts it carries, which the server may store.
     */
    byte[] body(JsonNode schema, Flaw flaw, UnaryOperator<JsonNode> resolve, Consumer<String> unkind) {
        if (flaw == Flaw.BROKEN) {
            return pick(BROKEN_BODIES).getBytes(StandardCharsets.UTF_8);
        }
        Body out = new Body(flaw, unkind);
        value(resolve.apply(schema), resolve, out, 0);
        return out.bytes.toByteArray();
    }

    private void value(JsonNode schema, UnaryOperator<JsonNode> resolve, Body out, int depth) {
        String type = schema.path("type").asText("object");
        if (out.flaw == Flaw.WRONG_TYPE && !out.injected && chance(0.4)) {
            out.injected = true;
            out.raw(pick(List.of("42", "-1", "1e400", "true", "null", "[]", "{}", "[\"a\", 1]", "\"5\"", "0.5")));
            return;
        }
        switch (type) {
            case "string" -> {
                if (schema.has("enum") && chance(0.6)) {
                    out.string(schema.path("enum")
                            .get(nextInt(schema.path("enum").size()))
                            .asText());
                } else {
                    out.text();
                }
            }
            case "integer", "number" -> out.raw(pick(List.of("1", "5", "0", "-3", "100000", "2.5")));
            case "boolean" -> out.raw(chance(0.5) ? "true" : "false");
            case "array" -> {
                out.raw("[");
                int n = depth > 3 ? 0 : 1 + nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.raw(", ");
                    }
                    JsonNode items = schema.path("items");
                    value(items.isMissingNode() ? MESSAGE : resolve.apply(items), resolve, out, depth + 1);
                }
                out.raw("]");
            }
            default -> object(schema, resolve, out, depth);
        }
    }

    /** An object without declared properties is given an OpenAI message's: role and content. */
    private static final JsonNode MESSAGE = parse("{\"type\": \"object\", \"properties\": {"
            + "\"role\": {\"type\": \"string\", \"enum\": [\"user\", \"system\", \"assistant\"]},"
            + " \"content\": {\"type\": \"string\"}}}");

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void object(JsonNode schema, UnaryOperator<JsonNode> resolve, Body out, int depth) {
        JsonNode properties =
                schema.path("properties").isEmpty() ? MESSAGE.path("properties") : schema.path("properties");
        out.raw("{");
        boolean first = true;
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            if (!chance(0.85) || depth > 4) {
                continue;
            }
            if (!first) {
                out.raw(", ");
            }
            first = false;
            out.name(p.getKey());
            out.raw(": ");
            value(resolve.apply(p.getValue()), resolve, out, depth + 1);
        }
        if (depth == 0 && !out.injected && out.flaw != Flaw.UNKIND_TEXT) {
            // The flaw was not placed in a declared field: it goes into one more.
            out.raw(first ? "" : ", ");
            out.injectInExtraField();
        }
        out.raw("}");
    }

    /** A query parameter value or path segment as it goes on the request line: flawed or, at times, unkind. */
    String urlPart(boolean flawed, Consumer<String> unkind) {
        if (!flawed) {
            String text = chance(0.5) ? pick(UNKIND) : pick(List.of("maven", "5", "json", "default", "x"));
            unkind.accept(text);
            String encoded =
                    URLEncoder.encode(text.length() > 500 ? text.substring(0, 500) : text, StandardCharsets.UTF_8);
            return encoded;
        }
        return switch (nextInt(3)) {
            case 0 -> "a" + pick(BAD_PERCENT) + "b";
            case 1 -> latin1(pick(BAD_BYTES));
            default -> pick(BAD_PERCENT) + pick(BAD_PERCENT);
        };
    }

    /** A header value that is not UTF-8, sent byte for byte (RawHttp writes headers as ISO-8859-1). */
    String badHeaderValue(String prefix) {
        return prefix + latin1(pick(BAD_BYTES)) + "x";
    }

    static String latin1(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** JSON text built token by token, so that bytes no Java string can carry go where they should not. */
    private final class Body {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Flaw flaw;
        final Consumer<String> unkind;
        boolean injected;

        Body(Flaw flaw, Consumer<String> unkind) {
            this.flaw = flaw;
            this.unkind = unkind;
        }

        void raw(String json) {
            bytes.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        }

        void string(String text) {
            raw(quoted(text));
        }

        void name(String name) {
            if (flaw == Flaw.BAD_BYTES_IN_NAME && !injected && chance(0.5)) {
                injected = true;
                raw("\"" + name);
                bytes.writeBytes(pick(BAD_BYTES));
                raw("\"");
            } else {
                string(name);
            }
        }

        void injectInExtraField() {
            switch (flaw) {
                case WRONG_TYPE -> {
                    injected = true;
                    raw("\"extra\": 42");
                }
                case BAD_BYTES_IN_NAME -> {
                    injected = true;
                    raw("\"extra");
                    bytes.writeBytes(pick(BAD_BYTES));
                    raw("\": 1");
                }
                default -> {
                    string("extra");
                    raw(": ");
                    text();
                }
            }
        }

        /** A string value: the flaw when it is still to place, otherwise plain or unkind text. */
        void text() {
            if (!injected && flaw == Flaw.BAD_BYTES_IN_TEXT) {
                injected = true;
                raw("\"docker ");
                bytes.writeBytes(pick(BAD_BYTES));
                raw(" fails\"");
            } else if (!injected && flaw == Flaw.BAD_ESCAPE) {
                injected = true;
                raw("\"why " + pick(BAD_ESCAPES) + " fails\"");
            } else if (flaw == Flaw.UNKIND_TEXT) {
                String text = chance(0.5) ? pick(UNKIND) : "git detached HEAD " + nextInt(1000);
                unkind.accept(text);
                string(text);
            } else {
                string(pick(List.of("maven pkix", "good", "auto", "user", "default")));
            }
        }
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
