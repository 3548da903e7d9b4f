package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodeNodeTextTest {
    private static CodeNodeText text;

    @BeforeAll
    static void open() {
        text = new CodeNodeText();
    }

    @AfterAll
    static void close() {
        text.close();
    }

    @Test
    void functionWithDocstringGivesKindAndNameDocPathAndItsFirstLinesEachSaidOnce() {
        String embedded = text.of("c1", """
                def paste(xsel=False):
                    \"\"\"Returns system clipboard contents. Needs xclip.\"\"\"
                    selection = "primary" if xsel else "clipboard"
                    return subprocess.Popen(["xclip", "-selection", selection, "-o"]).communicate()[0]
                """);

        // The signature opens the snippet and the structural summary repeats the docstring: neither is said twice.
        assertEquals("""
                function paste
                Returns system clipboard contents. Needs xclip.
                c1.py
                def paste(xsel=False):
                    \"\"\"Returns system clipboard contents. Needs xclip.\"\"\"
                    selection = "primary" if xsel else "clipboard"
                    return subprocess.Popen(["xclip", "-selection", selection, "-o"]).communicate()[0]""", embedded);
    }

    @Test
    void onlyTheFirstDozenLinesOfALongFunctionAreEmbedded() {
        StringBuilder body = new StringBuilder("def long_one():\n");
        for (int i = 1; i <= 30; i++) {
            body.append("    step_").append(i).append("()\n");
        }
        String embedded = text.of("c4", body.toString());

        assertTrue(embedded.contains("step_11()"), embedded);
        assertFalse(embedded.contains("step_12()"), embedded);
    }

    @Test
    void theFirstFunctionIsTakenNotANestedOne() {
        String embedded = text.of("c2", """
                def outer(items):
                    def key(item):
                        return item.name
                    return sorted(items, key=key)
                """);

        assertTrue(embedded.startsWith("function outer\nc2.py\ndef outer(items):\n"), embedded);
        assertFalse(embedded.contains("function key"), embedded);
    }

    @Test
    void withoutAFunctionTheFileNodeIsTaken() {
        String embedded = text.of("c3", "import os\nROOT = os.getcwd()\n");

        assertTrue(embedded.startsWith("python c3.py\n"), embedded);
        assertTrue(embedded.contains("Python file with no declarations."), embedded);
    }
}
