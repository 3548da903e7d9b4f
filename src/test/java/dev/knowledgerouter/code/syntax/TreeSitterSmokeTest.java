package dev.knowledgerouter.code.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * The pinned tree-sitter core and its six grammars load their natives on this platform, agree on the
 * ABI (the grammars were built against older cores than the one we pin) and parse real code.
 */
class TreeSitterSmokeTest {
    @BeforeAll
    static void optimisedNativesFirst() {
        // This class makes tree-sitter parsers itself; the natives are chosen before the first is made.
        TreeSitterNatives.status();
    }

    static Stream<Arguments> snippets() {
        return Stream.of(
                Arguments.of(
                        "java",
                        (Supplier<TSLanguage>) TreeSitterJava::new,
                        "package a;\nclass Greeter { String hi() { return \"hi\"; } }\n",
                        "program",
                        "class_declaration"),
                Arguments.of(
                        "python",
                        (Supplier<TSLanguage>) TreeSitterPython::new,
                        "import os\n\ndef greet(name):\n    return 'hi ' + name\n",
                        "module",
                        "function_definition"),
                Arguments.of(
                        "javascript",
                        (Supplier<TSLanguage>) TreeSitterJavascript::new,
                        "import x from './x.js';\nfunction greet(name) { return <b>{name}</b>; }\n",
                        "program",
                        "jsx_element"),
                Arguments.of(
                        "typescript",
                        (Supplier<TSLanguage>) TreeSitterTypescript::new,
                        "interface Named { name: string }\nexport function greet(n: Named): string { return n.name; }\n",
                        "program",
                        "interface_declaration"),
                Arguments.of(
                        "go",
                        (Supplier<TSLanguage>) TreeSitterGo::new,
                        "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n",
                        "source_file",
                        "function_declaration"),
                Arguments.of(
                        "rust",
                        (Supplier<TSLanguage>) TreeSitterRust::new,
                        "use std::fmt;\nstruct Point { x: i32 }\nfn main() { let p = Point { x: 1 }; }\n",
                        "source_file",
                        "struct_item"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void eachGrammarParsesASnippetIntoTheExpectedTree(
            String name, Supplier<TSLanguage> grammar, String source, String rootType, String childType) {
        try (TSParser parser = new TSParser()) {
            assertTrue(parser.setLanguage(grammar.get()), name + " grammar ABI is incompatible with the core");
            try (TSTree tree = parser.parseString(null, source)) {
                TSNode root = tree.getRootNode();
                assertEquals(rootType, root.getType());
                assertFalse(root.hasError(), () -> name + " parse has errors: " + root);
                assertTrue(namedTypes(root).contains(childType), () -> name + " tree lacks " + childType + ": " + root);
            }
        }
    }

    private static List<String> namedTypes(TSNode node) {
        List<String> types = new ArrayList<>();
        collect(node, types);
        return types;
    }

    private static void collect(TSNode node, List<String> types) {
        types.add(node.getType());
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            collect(node.getNamedChild(i), types);
        }
    }
}
