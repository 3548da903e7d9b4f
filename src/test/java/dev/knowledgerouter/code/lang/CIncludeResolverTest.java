package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.lang.FixtureGraph.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** C and C++ includes against {@code fixtures/c} (with a compilation database) and {@code fixtures/cpp} (without). */
class CIncludeResolverTest {
    private static final FixtureGraph C = FixtureGraph.of("c");
    private static final FixtureGraph CPP = FixtureGraph.of("cpp");

    @Test
    void fixturesParseWithoutErrors() {
        assertEquals(List.of(), C.withParseErrors());
        assertEquals(List.of(), CPP.withParseErrors());
    }

    @Test
    void includePathsComeFromTheCompilationDatabasePerFile() {
        assertEquals(lines("""
                src/main.c -> file:include/geo/shape.h
                src/main.c -> file:src/util.h
                src/main.c -> module:missing.h
                src/main.c -> module:stdio.h
                src/shape.c -> file:include/geo/shape.h
                src/shape.c -> module:math.h
                src/util.c -> file:src/util.h
                tests/shape_test.c -> file:include/geo/shape.h
                tests/shape_test.c -> module:assert.h
                """), C.importEdges());
    }

    @Test
    void withoutADatabaseIncludeFoldersAndAUniqueHeaderStandIn() {
        assertEquals(lines("""
                include/geo/circle.hpp -> file:include/geo/shape.hpp
                src/circle.cpp -> file:include/geo/circle.hpp
                src/circle.cpp -> module:cmath
                src/main.cpp -> file:include/geo/circle.hpp
                src/main.cpp -> module:iostream
                src/main.cpp -> module:vector
                tests/circle_test.cpp -> file:include/geo/circle.hpp
                tests/circle_test.cpp -> module:cassert
                """), CPP.importEdges());
    }
}
