package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** package.json, pom.xml, go.mod, Cargo.toml and pyproject.toml of {@code fixtures/infra}: dependencies as edges. */
class PackageManifestsTest {
    @Test
    void packageJsonDependenciesAreEdgesAndScriptsPipelineNodes() {
        assertEquals(lines("""
                depends_on file:package.json -> module:@tanstack/react-query
                depends_on file:package.json -> module:react
                depends_on file:package.json -> module:vitest
                """), edgesFrom("package.json"));
        assertEquals(lines("""
                pipeline:package.json:build [script]
                pipeline:package.json:test [script]
                """), nodesOf("package.json"));
        assertEquals(
                "script test: vitest run", node("pipeline:package.json:test").signature());
        assertEquals(List.of("external", "package"), node("module:react").tags());
    }

    @Test
    void pomDependenciesModulesAndParentAreEdges() {
        assertEquals(lines("""
                depends_on file:pom.xml -> file:tools/cli/pom.xml
                depends_on file:pom.xml -> module:org.junit.jupiter:junit-jupiter
                """), edgesFrom("pom.xml"));
        assertEquals(lines("""
                depends_on file:tools/cli/pom.xml -> file:pom.xml
                depends_on file:tools/cli/pom.xml -> module:info.picocli:picocli
                """), edgesFrom("tools/cli/pom.xml"));
    }

    @Test
    void goModRequirementsAreEdgesToTheModulesGoImportsReach() {
        // The replace points at ../lib, which has no go.mod here: it links nothing.
        assertEquals(lines("""
                depends_on file:tools/cli/go.mod -> module:github.com/google/uuid
                depends_on file:tools/cli/go.mod -> module:github.com/spf13/cobra
                depends_on file:tools/cli/go.mod -> module:golang.org/x/sync
                """), edgesFrom("tools/cli/go.mod"));
    }

    @Test
    void cargoDependenciesOfEveryTableAndPathDependenciesAreEdges() {
        assertEquals(lines("""
                depends_on file:tools/cli/Cargo.toml -> file:tools/core/Cargo.toml
                depends_on file:tools/cli/Cargo.toml -> module:clap
                depends_on file:tools/cli/Cargo.toml -> module:insta
                depends_on file:tools/cli/Cargo.toml -> module:serde
                """), edgesFrom("tools/cli/Cargo.toml"));
    }

    @Test
    void pyprojectRequirementsAreEdgesByDistributionName() {
        assertEquals(lines("""
                depends_on file:pyproject.toml -> module:fastapi
                depends_on file:pyproject.toml -> module:pytest
                depends_on file:pyproject.toml -> module:sqlalchemy
                """), edgesFrom("pyproject.toml"));
    }
}
