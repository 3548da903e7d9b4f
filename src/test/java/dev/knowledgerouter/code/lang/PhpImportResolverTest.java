package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.lang.FixtureGraph.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PHP {@code use} and {@code require} against {@code fixtures/php}, whose composer.json maps App\ to src/. */
class PhpImportResolverTest {
    private static final FixtureGraph FIXTURE = FixtureGraph.of("php");

    @Test
    void fixtureParsesWithoutErrors() {
        assertEquals(List.of(), FIXTURE.withParseErrors());
    }

    @Test
    void usesResolveThroughThePsr4MapAndRequiresRelativeToTheFile() {
        assertEquals(lines("""
                src/Services/UserService.php -> file:src/Contracts/Service.php
                src/Services/UserService.php -> file:src/Models/Model.php
                src/Services/UserService.php -> file:src/Models/User.php
                src/Services/UserService.php -> file:src/helpers.php
                src/Services/UserService.php -> module:App\\Models
                src/Services/UserService.php -> module:Psr\\Log
                tests/Services/UserServiceTest.php -> file:src/Services/UserService.php
                tests/Services/UserServiceTest.php -> module:PHPUnit\\Framework
                """), FIXTURE.importEdges());
    }

    @Test
    void aFunctionOutsideEveryMapResolvesByTheNamespaceItIsDeclaredIn() {
        FileExtraction service = FIXTURE.file("src/Services/UserService.php");
        assertEquals(
                new ImportTarget.InRepository(List.of("src/helpers.php")),
                FIXTURE.resolver(Language.PHP).resolve(service, ImportRef.of("format_name", 1)));
    }
}
