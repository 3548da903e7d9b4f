package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.edgesFrom;
import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.LineRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dockerfile of {@code fixtures/infra}: three stages, two base images, copied files and a copy between stages. */
class DockerfileExtractorTest {
    @Test
    void eachFromIsAStageNamedByItsAliasOrPosition() {
        assertEquals(lines("""
                pipeline:Dockerfile:build [stage]
                pipeline:Dockerfile:stage-2 [stage]
                pipeline:Dockerfile:test [stage]
                """), nodesOf("Dockerfile"));
        assertEquals(new LineRange(2, 6), node("pipeline:Dockerfile:build").lineRange());
        assertEquals(
                "FROM python:3.12-slim AS build",
                node("pipeline:Dockerfile:build").signature());
    }

    @Test
    void stagesDependOnTheirBaseImagesEarlierStagesAndCopiedFiles() {
        // "COPY app/ ./app/" copies a directory: every analysed file under it.
        assertEquals(lines("""
                depends_on pipeline:Dockerfile:build -> file:app/main.py
                depends_on pipeline:Dockerfile:build -> file:app/settings.py
                depends_on pipeline:Dockerfile:build -> file:pyproject.toml
                depends_on pipeline:Dockerfile:build -> module:python:3.12-slim
                depends_on pipeline:Dockerfile:stage-2 -> file:app/main.py
                depends_on pipeline:Dockerfile:stage-2 -> module:gcr.io/distroless/python3
                depends_on pipeline:Dockerfile:stage-2 -> pipeline:Dockerfile:build
                depends_on pipeline:Dockerfile:test -> pipeline:Dockerfile:build
                """), edgesFrom("Dockerfile"));
    }

    @Test
    void aBaseImageIsAnExternalModuleTaggedImage() {
        assertEquals(
                List.of("external", "image"), node("module:python:3.12-slim").tags());
    }
}
