package dev.knowledgerouter.code.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The README's first paragraph becomes plain text: Markdown markers go, the words around them stay. */
class ProjectDescriptionTest {
    @Test
    void boldItalicsAndInlineCodeLoseTheirMarkers() {
        assertEquals(
                "Turn any codebase into a knowledge graph, fast, with one command: kr analyze.",
                ProjectDescription.firstParagraph(
                        "# Title\n\n**Turn any codebase into a *knowledge graph*, __fast__,** with _one_ command: `kr analyze`.\n"));
    }

    @Test
    void namesWithUnderscoresLoneAsterisksAndCodeAreKeptAsWritten() {
        assertEquals(
                "Reads snake_case_names and __init__.py files, rates 5 * 4 stars and a*b*c.",
                ProjectDescription.firstParagraph(
                        "Reads snake_case_names and `__init__.py` files, rates 5 * 4 stars and a*b*c.\n"));
    }
}
