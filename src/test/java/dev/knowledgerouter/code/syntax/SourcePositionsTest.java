package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.lang.CodeLanguages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names and signatures are cut at the right place whatever comes before them: positions in the tree are offsets into
 * the file's own bytes, after characters outside the Basic Multilingual Plane, a NUL, or bytes that are not UTF-8.
 */
class SourcePositionsTest {
    private final SourceParser parser = new SourceParser(CodeLanguages.extractors());

    @AfterEach
    void close() {
        parser.close();
    }

    @Test
    void namesAfterAnEmojiAreCutWhole() {
        FileExtraction java = parse(
                "A.java",
                Language.JAVA,
                utf8("package a;\n// 🚀 launch 🎉🎉\nclass Rocket {\n    void launch() { ignite(); }\n}\n"));
        assertEquals(List.of("Rocket", "launch"), names(java));
        assertEquals("void launch()", java.declarations().get(1).signature());
        assertEquals("ignite", java.calls().getFirst().callee());
    }

    @Test
    void aNulInsideATemplateLiteralDoesNotEndTheFile() {
        FileExtraction ts = parse(
                "a.ts",
                Language.TYPESCRIPT,
                utf8("export const marker = `before\u0000after`;\nexport function later(): number { return 1; }\n"));
        Declaration later = ts.declarations().stream()
                .filter(d -> d.name().equals("later"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(names(ts).toString()));
        assertEquals("export function later(): number", later.signature());
        assertEquals(2, later.startLine());
    }

    @Test
    void bytesThatAreNotUtf8DoNotShiftWhatFollows() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(utf8("package a;\n// caf"));
        file.write(0xE9); // é in Latin-1: not UTF-8
        file.writeBytes(utf8("\nclass Cafe {\n    void serve() {}\n}\n"));
        FileExtraction java = parse("Cafe.java", Language.JAVA, file.toByteArray());
        assertEquals(List.of("Cafe", "serve"), names(java));
    }

    @Test
    void aCleanParseIsJudgedOnTheSameBytes() {
        assertTrue(parser.parsesCleanly(Language.JAVA, "class A { String s = \"🚀\"; void m() {} }"));
        assertFalse(parser.parsesCleanly(Language.JAVA, "class A { String s = \"🚀\"; void m( {} }"));
    }

    private FileExtraction parse(String path, Language language, byte[] bytes) {
        return parser.parse(path, language, new SourceText(bytes));
    }

    private static List<String> names(FileExtraction extraction) {
        return extraction.declarations().stream().map(Declaration::name).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
