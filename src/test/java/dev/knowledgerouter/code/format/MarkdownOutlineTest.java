package dev.knowledgerouter.code.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a heading of a Markdown document, and what its section is, read from small documents. */
class MarkdownOutlineTest {
    @Test
    void frontMatterIsNotAHeadingAndLinesAfterItKeepTheirNumbers() {
        assertEquals(List.of("# Guide 5-6"), outline("""
                ---
                name: guide
                description: how to start
                ---
                # Guide
                Text.
                """));
    }

    @Test
    void aHashLineInAFencedCodeBlockIsNotAHeading() {
        assertEquals(List.of("# Build 1-6"), outline("""
                # Build
                ```bash
                # install first
                npm ci
                ```
                Done.
                """));
    }

    @Test
    void setextHeadingsAreSectionsOfLevelOneAndTwoWithTheirLinesJoined() {
        assertEquals(List.of("# Shop 1-6", "Shop ## Running it locally 4-6"), outline("""
                Shop
                ====

                Running it
                locally
                -------
                """));
    }

    @Test
    void aHeadingInABlockQuoteIsNotASection() {
        assertEquals(List.of("# Notes 1-3"), outline("""
                # Notes
                > ## Quoted
                > text
                """));
    }

    @Test
    void anAtxClosingSequenceIsNotPartOfTheTitle() {
        assertEquals(List.of("## Title 1-1"), outline("## Title ##\n"));
    }

    @Test
    void aTitleIsTheHeadingAsWrittenOnOneLine() {
        assertEquals(List.of("# Run `kr analyze` with *care* 1-1"), outline("#   Run `kr analyze`   with *care*\n"));
    }

    @Test
    void aTitleAfterCharactersOutsideTheBasicPlaneIsCutWhole() {
        assertEquals(
                List.of("# 🚀 Start 1-3", "🚀 Start ## 📝 Workflow 3-3"), outline("# 🚀 Start\n\n## 📝 Workflow\n"));
    }

    /** Each section as {@code parent signature start-end}. */
    private static List<String> outline(String markdown) {
        return new MarkdownExtractor()
                .extract("doc.md", SourceText.of(markdown)).declarations().stream()
                        .map(MarkdownOutlineTest::describe)
                        .toList();
    }

    private static String describe(Declaration section) {
        String parent = section.parent().isEmpty() ? "" : section.parent() + " ";
        return parent + section.signature() + " " + section.startLine() + "-" + section.endLine();
    }
}
