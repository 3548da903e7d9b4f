package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJava;

/** A query finds exactly the nodes its patterns name, says which pattern matched, and refuses what it cannot be. */
class SyntaxQueryTest {
    @BeforeAll
    static void optimisedNativesFirst() {
        // This class makes tree-sitter parsers itself; the natives are chosen before the first is made.
        TreeSitterNatives.status();
    }

    private static final String SOURCE = "class A { void m() { a.b(); c(); } }";

    @Test
    void eachMatchSaysItsPatternAndTheNodesItCaptured() {
        SyntaxQuery query = new SyntaxQuery(new TreeSitterJava(), """
                (method_invocation object: _ @object name: _ @name) @call
                (method_invocation !object name: _ @name) @call
                """);
        int name = query.capture("name");
        int object = query.capture("object");
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterJava());
            try (TSTree tree = parser.parseStringEncoding(null, SOURCE, TSInputEncoding.TSInputEncodingUTF8)) {
                SourceText text = SourceText.of(SOURCE);
                List<SyntaxMatch> matches = query.matches(tree.getRootNode()).stream()
                        .sorted((x, y) -> SyntaxNodes.startByte(x.node(name)) - SyntaxNodes.startByte(y.node(name)))
                        .toList();
                assertEquals(2, matches.size());
                assertEquals(0, matches.get(0).pattern());
                assertEquals("b", text.of(matches.get(0).node(name)));
                assertEquals("a", text.of(matches.get(0).node(object)));
                assertEquals(1, matches.get(1).pattern());
                assertEquals("c", text.of(matches.get(1).node(name)));
                assertNull(matches.get(1).node(object));
            }
        }
    }

    @Test
    void aPatternTheGrammarDoesNotHaveIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SyntaxQuery(new TreeSitterJava(), "(no_such_node) @x"));
        assertTrue(e.getMessage().contains("does not fit the grammar"), e.getMessage());
    }

    @Test
    void aCaptureTheQueryDoesNotHaveIsRefused() {
        SyntaxQuery query = new SyntaxQuery(new TreeSitterJava(), "(identifier) @name");
        assertThrows(IllegalArgumentException.class, () -> query.capture("other"));
    }
}
