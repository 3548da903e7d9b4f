package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.LineRange;
import org.junit.jupiter.api.Test;

/** The README of {@code fixtures/infra}: headings as nested sections; a {@code #} line in a code block is none. */
class MarkdownExtractorTest {
    @Test
    void headingsAreDocumentNodesNestedByLevel() {
        assertEquals(lines("""
                document:README.md:Shop [section]
                document:README.md:Shop.Deploying [section]
                document:README.md:Shop.Running [section]
                document:README.md:Shop.Running.Locally [section]
                """), nodesOf("README.md"));
    }

    @Test
    void aSectionSpansUpToTheNextHeadingOfItsLevel() {
        assertEquals(
                new LineRange(5, 15), node("document:README.md:Shop.Running").lineRange());
        assertEquals(
                new LineRange(12, 15),
                node("document:README.md:Shop.Running.Locally").lineRange());
    }
}
