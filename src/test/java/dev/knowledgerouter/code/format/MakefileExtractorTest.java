package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.LineRange;
import org.junit.jupiter.api.Test;

/** The Makefile of {@code fixtures/infra}: explicit targets, prerequisites, an include; no pattern or special rules. */
class MakefileExtractorTest {
    @Test
    void explicitTargetsAreNodesSpanningTheirRecipes() {
        assertEquals(lines("""
                pipeline:Makefile:all [target]
                pipeline:Makefile:build [target]
                pipeline:Makefile:test [target]
                """), nodesOf("Makefile"));
        assertEquals(new LineRange(10, 12), node("pipeline:Makefile:test").lineRange());
    }

    @Test
    void prerequisitesLinkTargetsAndFilesAndIncludesAreImports() {
        assertEquals(lines("""
                depends_on pipeline:Makefile:all -> pipeline:Makefile:build
                depends_on pipeline:Makefile:all -> pipeline:Makefile:test
                depends_on pipeline:Makefile:build -> file:app/main.py
                depends_on pipeline:Makefile:build -> file:pyproject.toml
                depends_on pipeline:Makefile:test -> pipeline:Makefile:build
                imports file:Makefile -> file:tools/common.mk
                """), edgesFrom("Makefile"));
    }
}
