package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.treesitter.TSException;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterTypescript;

/**
 * The direct reads of a node agree with the tree-sitter binding's own methods on every node of real trees, syntax
 * errors and non-ASCII text included, and a null node fails as the binding fails on one instead of ending the process.
 */
class NodeReaderTest {
    @BeforeAll
    static void optimisedNativesFirst() {
        // This class makes tree-sitter parsers itself; the natives are chosen before the first is made.
        TreeSitterNatives.status();
    }

    private static final String JAVA = """
            package a.b;

            import java.util.List;

            /** Grüße: bytes and characters differ from here on. */
            class Greeter extends Base implements Named {
                String hi(List<String> names) { return names.get(0) + "é"; }
                void broken( { int x = ; }
            }
            """;

    @Test
    void readsTheFieldsOfTheBindingsNode() {
        assertTrue(NodeReader.direct(), "the binding's TSNode no longer has the fields tree-sitter's API defines");
    }

    @Test
    void everyNodeOfAJavaTreeReadsAsTheBindingSaysWithSyntaxErrors() {
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterJava());
            try (TSTree tree = parser.parseStringEncoding(null, JAVA, TSInputEncoding.TSInputEncodingUTF8)) {
                assertTrue(tree.getRootNode().hasError(), "the snippet must hold a syntax error");
                assertSameAnswers(tree.getRootNode());
            }
        }
    }

    @Test
    void everyNodeOfATypeScriptTreeReadsAsTheBindingSays() {
        String ts = "export const grüß = (n: number): string => `${n}€`;\nclass A<T> { m(): void {} }\n";
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterTypescript());
            try (TSTree tree = parser.parseStringEncoding(null, ts, TSInputEncoding.TSInputEncodingUTF8)) {
                assertSameAnswers(tree.getRootNode());
            }
        }
    }

    @Test
    void aNullNodeFailsAsInTheBindingInsteadOfCrashing() {
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterJava());
            try (TSTree tree = parser.parseStringEncoding(null, "class A {}", TSInputEncoding.TSInputEncodingUTF8)) {
                TSNode missing = tree.getRootNode().getChildByFieldName("name");
                assertFalse(SyntaxNodes.present(missing));
                assertThrows(TSException.class, () -> SyntaxNodes.type(missing));
                assertThrows(TSException.class, () -> SyntaxNodes.endByte(missing));
                assertThrows(TSException.class, () -> SyntaxNodes.startByte(missing));
                assertThrows(TSException.class, () -> SyntaxNodes.line(missing));
            }
        }
    }

    private static void assertSameAnswers(TSNode root) {
        List<TSNode> nodes = new ArrayList<>();
        collect(root, nodes);
        assertTrue(nodes.size() > 50, "too few nodes to say anything: " + nodes.size());
        for (TSNode node : nodes) {
            String where = node.getType() + " at " + node.getStartByte();
            assertTrue(SyntaxNodes.present(node), where);
            assertEquals(node.getType(), SyntaxNodes.type(node), where);
            assertEquals(node.getStartByte(), SyntaxNodes.startByte(node), where);
            assertEquals(node.getEndByte(), SyntaxNodes.endByte(node), where);
            assertEquals(node.getStartPoint().getRow() + 1, SyntaxNodes.line(node), where);
        }
    }

    private static void collect(TSNode node, List<TSNode> into) {
        into.add(node);
        for (int i = 0; i < node.getChildCount(); i++) {
            collect(node.getChild(i), into);
        }
    }
}
