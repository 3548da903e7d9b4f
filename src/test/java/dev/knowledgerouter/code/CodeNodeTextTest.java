package dev.knowledgerouter.code;

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
    void functionWithDocstringGivesKindNameSignatureDocSummaryAndPathButNotTheBody() {
        String embedded = text.of("c1", """
                def paste(xsel=False):
                    \"\"\"Returns system clipboard contents. Needs xclip.\"\"\"
                    selection = "primary" if xsel else "clipboard"
                    return subprocess.Popen(["xclip", "-selection", selection, "-o"]).communicate()[0]
                """);

        assertEquals("""
                function
                paste
                def paste(xsel=False)
                Returns system clipboard contents. Needs xclip.
                Function paste. Returns system clipboard contents.
                c1.py""", embedded);
        assertFalse(embedded.contains("subprocess"), embedded);
        assertFalse(embedded.contains("selection"), embedded);
    }

    @Test
    void theFirstFunctionIsTakenNotANestedOne() {
        String embedded = text.of("c2", """
                def outer(items):
                    def key(item):
                        return item.name
                    return sorted(items, key=key)
                """);

        assertTrue(embedded.startsWith("function\nouter\ndef outer(items)\n"), embedded);
        assertFalse(embedded.contains("key"), embedded);
    }

    @Test
    void withoutAFunctionTheFileNodeIsTaken() {
        String embedded = text.of("c3", "import os\nROOT = os.getcwd()\n");

        assertTrue(embedded.startsWith("python\nc3.py\n"), embedded);
        assertTrue(embedded.contains("Python file with no declarations."), embedded);
    }
}
