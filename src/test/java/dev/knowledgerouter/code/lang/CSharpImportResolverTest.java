package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.lang.FixtureGraph.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C# {@code using}s against {@code fixtures/csharp}: namespaces, used types and project references. */
class CSharpImportResolverTest {
    private static final FixtureGraph FIXTURE = FixtureGraph.of("csharp");

    @Test
    void fixtureParsesWithoutErrors() {
        assertEquals(List.of(), FIXTURE.withParseErrors());
    }

    @Test
    void aNamespaceUsingLinksTheFilesOfTheTypesUsedInReferencedProjectsOnly() {
        // Service references Model but not Util: Acme.Util.Geometry is outside what it can see.
        assertEquals(lines("""
                src/Service/ShapeService.cs -> file:src/Model/Circle.cs
                src/Service/ShapeService.cs -> module:Acme.Util
                src/Service/ShapeService.cs -> module:System
                src/Service/ShapeService.cs -> module:System.Collections.Generic
                tests/Service/ShapeServiceTests.cs -> file:src/Service/ShapeService.cs
                tests/Service/ShapeServiceTests.cs -> module:Xunit
                """), FIXTURE.importEdges());
    }

    @Test
    void filesOfTheSameNamespaceAndProjectSeeEachOther() {
        assertEquals(
                List.of("src/Model/IShape.cs", "src/Model/Shape.cs"),
                FIXTURE.resolver(Language.CSHARP).implicitlyVisible(FIXTURE.file("src/Model/Circle.cs")));
    }
}
