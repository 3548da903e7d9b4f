package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SourceParser's syntax-only check: a tree with error or missing nodes does not parse; no extractor is needed. */
class ParsesCleanlyTest {
    @Test
    void validCodeParsesAndBrokenCodeDoesNot() {
        try (SourceParser parser = new SourceParser(Map.of())) {
            assertTrue(parser.parsesCleanly(Language.JAVA, "class A { int f() { return 1; } }"));
            assertFalse(parser.parsesCleanly(Language.JAVA, "class A { int f() { return 1; }"));
            assertTrue(parser.parsesCleanly(Language.PYTHON, "def f(x):\n    return x\n"));
            assertFalse(parser.parsesCleanly(Language.GO, "package p\nfunc f( {\n"));
        }
    }

    @Test
    void textHasNoGrammar() {
        try (SourceParser parser = new SourceParser(Map.of())) {
            assertThrows(IllegalArgumentException.class, () -> parser.parsesCleanly(Language.TEXT, "hello"));
        }
    }
}
