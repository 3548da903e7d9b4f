package dev.knowledgerouter.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one check of text that comes from outside (request bodies, query parameters, headers, tool
 * arguments, seed files): it must be well-formed Unicode, that is UTF-8 bytes without malformed
 * sequences and, once decoded, no unpaired surrogate. Java strings can hold a lone surrogate (JSON's
 * {@code "\ud800"} decodes to one), but the embedder, the stores and every JSON writer downstream
 * cannot handle it the same way, so such text is refused where it enters, naming its field, and
 * never reaches an index or a log.
 */
public final class WellFormedText {
    /**
     * Stands in for each malformed byte sequence while JSON is parsed: a lone low surrogate, which no
     * well-formed UTF-8 can decode to, so the tree check afterwards finds the bad bytes in their field.
     */
    private static final String MALFORMED = "\uDFFF";

    private static final char REPLACEMENT = '\uFFFD';
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private WellFormedText() {}

    /** {@code value} when it is well-formed; an {@link InvalidTextException} naming {@code field} when not. */
    public static String check(String field, String value) {
        int at = unpairedSurrogate(value);
        if (at >= 0) {
            throw invalid(field, "'" + field + "'", at);
        }
        return value;
    }

    /** {@code bytes} decoded as UTF-8, refused as a whole (naming {@code field}) when any sequence is malformed. */
    public static String decodeUtf8(String field, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidTextException(
                    field,
                    "'" + field + "' is not UTF-8 text; send it as UTF-8"
                            + " (percent-encoded where it is part of a URL)");
        }
    }

    /**
     * A JSON document from outside, parsed and checked: every string and every field name in it must be
     * well-formed, and the refusal names the first field that is not ({@code messages[0].content}).
     *
     * @throws JacksonException when the bytes are not JSON at all
     */
    public static JsonNode readJson(ObjectMapper mapper, byte[] json) throws JacksonException {
        JsonNode tree = mapper.readTree(decodeMarkingMalformed(json));
        check(tree);
        return tree;
    }

    /**
     * UTF-8 text to be parsed as JSON and then {@link #check checked}: each malformed sequence is read as an
     * unpaired surrogate, so that the check refuses it in the field it sits in.
     */
    public static Reader markingReader(InputStream in) {
        return new InputStreamReader(in, markingDecoder());
    }

    /** Every string and field name in {@code tree} is well-formed, or the first that is not is refused. */
    public static void check(JsonNode tree) {
        walk(tree, "");
    }

    /** {@code text} safe to echo in a message: each unpaired surrogate shown as U+FFFD. */
    public static String printable(String text) {
        if (unpairedSurrogate(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    private static void walk(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String field = path.isEmpty() ? "body" : path;
            int at = unpairedSurrogate(node.textValue());
            if (at >= 0) {
                throw invalid(field, "'" + field + "'", at);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                int at = unpairedSurrogate(field.getKey());
                if (at >= 0) {
                    String where = path.isEmpty() ? "body" : path;
                    throw invalid(where, "a field name in '" + where + "'", at);
                }
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Decodes leniently, with {@link #MALFORMED} in place of each malformed sequence, and without a leading BOM. */
    private static String decodeMarkingMalformed(byte[] bytes) {
        String text;
        try {
            text = markingDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Replacing, the decoder reports nothing.
            throw new IllegalStateException(e);
        }
        return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    }

    private static CharsetDecoder markingDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(MALFORMED);
    }

    /** The index of the first surrogate without its pair, or -1. */
    private static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidTextException invalid(String field, String what, int at) {
        return new InvalidTextException(
                field,
                what + " is not well-formed text: at character " + (at + 1)
                        + " it holds bytes that are not UTF-8 or an unpaired surrogate (such as the escape \\ud800"
                        + " without its low half); send UTF-8 text, with surrogates only in pairs");
    }
}
