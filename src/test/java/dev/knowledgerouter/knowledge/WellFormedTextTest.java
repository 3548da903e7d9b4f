package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one check of outside text: UTF-8 without malformed bytes, and no surrogate without its pair. */
class WellFormedTextTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** {@code before}, then the raw bytes, then {@code after}: JSON with bytes no string literal can hold. */
    static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static final List<byte[]> MALFORMED_UTF8 = List.of(
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE, (byte) 0xFF},
            // An overlong "/" and an encoded surrogate (CESU-8): both forbidden in UTF-8.
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            // The start of the euro sign without its last byte.
            new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0x80});

    @Test
    void textWithSurrogatePairsIsWellFormed() {
        String text = "emoji \uD83D\uDE00, math \uD835\uDC00, and accents: é ü ß 中文";
        assertEquals(text, WellFormedText.check("query", text));
    }

    @Test
    void aLoneOrReversedSurrogateIsRefusedNamingTheFieldAndWhere() {
        for (String bad : List.of("\uD800", "ab\uDFFF", "x\uD83D", "\uDE00\uD83D")) {
            InvalidTextException e = assertThrows(InvalidTextException.class, () -> WellFormedText.check("query", bad));
            assertEquals("query", e.field());
            assertTrue(e.getMessage().startsWith("'query' is not well-formed text"), e.getMessage());
        }
        InvalidTextException e =
                assertThrows(InvalidTextException.class, () -> WellFormedText.check("query", "abc\uD800"));
        assertTrue(e.getMessage().contains("at character 4"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAndUtf8IsDecoded() {
        for (byte[] raw : MALFORMED_UTF8) {
            InvalidTextException e = assertThrows(
                    InvalidTextException.class, () -> WellFormedText.decodeUtf8("q", bytes("a", raw, "b")));
            assertEquals("q", e.field());
            assertTrue(e.getMessage().contains("'q' is not UTF-8 text"), e.getMessage());
        }
        assertEquals("é €", WellFormedText.decodeUtf8("q", "é €".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jsonWithMalformedBytesInAStringIsRefusedNamingThatField() {
        for (byte[] raw : MALFORMED_UTF8) {
            byte[] body = bytes(
                    "{\"model\": \"auto\", \"messages\": [{\"content\": \"ok\"}, {\"content\": \"x", raw, "\"}]}");
            InvalidTextException e =
                    assertThrows(InvalidTextException.class, () -> WellFormedText.readJson(JSON, body));
            assertEquals("messages[1].content", e.field());
        }
    }

    @Test
    void jsonWithAnEscapedLoneSurrogateIsRefusedNamingThatField() {
        byte[] body = "{\"query\": \"fix \\ud800 this\", \"user\": \"ann\"}".getBytes(StandardCharsets.UTF_8);
        InvalidTextException e = assertThrows(InvalidTextException.class, () -> WellFormedText.readJson(JSON, body));
        assertEquals("query", e.field());
        assertTrue(e.getMessage().contains("at character 5"), e.getMessage());
    }

    @Test
    void aFieldNameThatIsNotWellFormedIsRefusedNamingWhereItSits() {
        byte[] nested = bytes("{\"arguments\": {\"", new byte[] {(byte) 0xFF}, "\": 1}}");
        InvalidTextException e = assertThrows(InvalidTextException.class, () -> WellFormedText.readJson(JSON, nested));
        assertEquals("arguments", e.field());
        assertTrue(e.getMessage().startsWith("a field name in 'arguments'"), e.getMessage());
        byte[] atRoot = bytes("{\"", new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, "\": \"x\"}");
        assertEquals(
                "body",
                assertThrows(InvalidTextException.class, () -> WellFormedText.readJson(JSON, atRoot))
                        .field());
    }

    @Test
    void wellFormedJsonIsParsedAsItIsWithOrWithoutAByteOrderMark() throws Exception {
        String json = "{\"query\": \"\uD83D\uDE00 \\uD83D\\uDE00 \\u00e9\", \"n\": [1, {\"a\": \"b\"}]}";
        JsonNode plain = WellFormedText.readJson(JSON, json.getBytes(StandardCharsets.UTF_8));
        assertEquals("\uD83D\uDE00 \uD83D\uDE00 é", plain.path("query").asText());
        JsonNode withBom = WellFormedText.readJson(JSON, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
        assertEquals(plain, withBom);
    }

    @Test
    void malformedBytesOutsideAStringAreAJsonError() {
        byte[] body = bytes("{\"query\": 1", new byte[] {(byte) 0xFF}, "}");
        assertThrows(JacksonException.class, () -> WellFormedText.readJson(JSON, body));
    }

    @Test
    void printableShowsALoneSurrogateAsTheReplacementCharacterAndKeepsPairs() {
        assertEquals("a\uFFFDb \uD83D\uDE00 \uFFFD", WellFormedText.printable("a\uD800b \uD83D\uDE00 \uDE00"));
        String clean = "nothing to replace";
        assertDoesNotThrow(() -> WellFormedText.check("x", WellFormedText.printable("\uD800\uD800")));
        assertEquals(clean, WellFormedText.printable(clean));
    }
}
