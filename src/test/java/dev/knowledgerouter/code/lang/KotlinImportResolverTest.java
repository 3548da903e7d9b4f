package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.lang.FixtureGraph.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Kotlin imports against {@code fixtures/kotlin}: packages shared with Java, functions, wildcards, aliases. */
class KotlinImportResolverTest {
    private static final FixtureGraph FIXTURE = FixtureGraph.of("kotlin");

    @Test
    void fixtureParsesWithoutErrors() {
        assertEquals(List.of(), FIXTURE.withParseErrors());
    }

    @Test
    void importsResolveByDeclaredPackageAcrossKotlinAndJava() {
        // The wildcard over com.acme.model links Shape.kt alone: Circle and Point are not used there.
        assertEquals(lines("""
                src/main/kotlin/com/acme/model/Circle.kt -> file:src/main/kotlin/com/acme/util/Geometry.kt
                src/main/kotlin/com/acme/service/ShapeService.kt -> file:src/main/java/com/acme/legacy/LegacyPrinter.java
                src/main/kotlin/com/acme/service/ShapeService.kt -> file:src/main/kotlin/com/acme/model/Shape.kt
                src/main/kotlin/com/acme/service/ShapeService.kt -> module:kotlin.math
                src/main/kotlin/com/acme/service/ShapeService.kt -> module:org.slf4j
                src/test/kotlin/com/acme/service/ShapeServiceTest.kt -> file:src/main/kotlin/com/acme/model/Circle.kt
                src/test/kotlin/com/acme/service/ShapeServiceTest.kt -> module:kotlin.test
                """), FIXTURE.importEdges());
    }
}
