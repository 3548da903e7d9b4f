package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolution against the fixture repository under {@code src/test/resources/code/fixtures/java}. */
class JavaImportResolverTest {
    private static final Path FIXTURE = Path.of("src/test/resources/code/fixtures/java");
    private static final String MODEL = "src/main/java/com/acme/model/";
    private static final String SERVICE = "src/main/java/com/acme/service/ShapeService.java";
    private static final String SERVICE_TEST = "src/test/java/com/acme/service/ShapeServiceTest.java";
    private static final String GEOMETRY = "src/main/java/com/acme/util/Geometry.java";

    private static RepositoryFiles repository;
    private static JavaImportResolver resolver;

    @BeforeAll
    static void parseFixture() throws IOException {
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(Map.of(Language.JAVA, new JavaExtractor()));
                Stream<Path> walk = Files.walk(FIXTURE)) {
            for (Path file :
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String path = FIXTURE.relativize(file).toString().replace('\\', '/');
                extractions.add(parser.parse(path, Language.JAVA, new SourceText(Files.readAllBytes(file))));
            }
        }
        repository = new RepositoryFiles(FIXTURE, extractions);
        resolver = new JavaImportResolver(repository);
    }

    private static FileExtraction file(String path) {
        return repository.get(path).orElseThrow();
    }

    /** Resolves the import of {@code spec} that the fixture file really has, so the fixture and the test agree. */
    private static ImportTarget resolveImport(String path, String spec) {
        FileExtraction from = file(path);
        ImportRef ref = from.imports().stream()
                .filter(i -> i.spec().equals(spec))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " has no import " + spec + ": " + from.imports()));
        return resolver.resolve(from, ref);
    }

    private static ImportTarget resolveWritten(String spec, boolean wildcard) {
        return resolver.resolve(file(SERVICE), new ImportRef(spec, List.of(), wildcard, ImportKind.IMPORT, 1));
    }

    private static ImportTarget.InRepository inRepository(String... paths) {
        return new ImportTarget.InRepository(List.of(paths));
    }

    @Test
    void fixtureParsesWithoutErrors() {
        assertEquals(
                List.of(),
                repository.byPath().values().stream()
                        .filter(FileExtraction::parseErrors)
                        .map(FileExtraction::path)
                        .toList());
        assertEquals(8, repository.byPath().size());
    }

    @Test
    void singleTypeImportResolvesToTheFileDeclaringTheType() {
        assertEquals(inRepository(MODEL + "Circle.java"), resolveImport(SERVICE, "com.acme.model.Circle"));
    }

    @Test
    void nestedTypeImportResolvesToTheOuterTypesFile() {
        assertEquals(inRepository(GEOMETRY), resolveImport(SERVICE, "com.acme.util.Geometry.Unit"));
    }

    @Test
    void staticImportResolvesToTheClassFile() {
        assertEquals(inRepository(GEOMETRY), resolveImport(MODEL + "Circle.java", "com.acme.util.Geometry.square"));
    }

    @Test
    void staticWildcardImportResolvesToTheClassFile() {
        assertEquals(inRepository(GEOMETRY), resolveWritten("com.acme.util.Geometry", true));
    }

    @Test
    void wildcardImportResolvesToTheFilesDeclaringTheTypesTheFileUses() {
        assertEquals(
                inRepository(MODEL + "Circle.java", MODEL + "Shape.java"),
                resolveImport(SERVICE_TEST, "com.acme.model"));
    }

    @Test
    void wildcardImportWithoutAUsedTypeOfThePackageLinksEveryFileMarkedApproximate() {
        assertEquals(
                new ImportTarget.InRepository(
                        List.of(
                                MODEL + "AbstractShape.java",
                                MODEL + "Circle.java",
                                MODEL + "Point.java",
                                MODEL + "Shape.java"),
                        true),
                resolveWritten("com.acme.model", true));
        ImportTarget unused = resolver.resolve(
                file(SERVICE), new ImportRef("com.acme.model", List.of("Unknown"), true, ImportKind.IMPORT, 1));
        assertEquals(
                new ImportTarget.InRepository(
                        List.of(
                                MODEL + "AbstractShape.java",
                                MODEL + "Circle.java",
                                MODEL + "Point.java",
                                MODEL + "Shape.java"),
                        true),
                unused);
    }

    @Test
    void fileOutsideTheSourceRootResolvesByItsPackageDeclaration() {
        assertEquals(
                inRepository("tools/report/ReportPrinter.java"),
                resolveImport(SERVICE, "com.acme.report.ReportPrinter"));
        assertEquals(
                inRepository(SERVICE),
                resolveImport("tools/report/ReportPrinter.java", "com.acme.service.ShapeService"));
    }

    @Test
    void standardLibraryImportIsExternalNamedByItsPackage() {
        assertEquals(new ImportTarget.External("java.util"), resolveImport(SERVICE, "java.util.List"));
        assertEquals(
                new ImportTarget.External("java.io"),
                resolveImport(MODEL + "AbstractShape.java", "java.io.Serializable"));
    }

    @Test
    void staticImportFromADependencyIsExternalNamedByItsPackage() {
        assertEquals(
                new ImportTarget.External("org.junit.jupiter.api"),
                resolveImport(SERVICE_TEST, "org.junit.jupiter.api.Assertions.assertEquals"));
    }

    @Test
    void importOfAMissingTypeInARepositoryPackageIsExternal() {
        assertEquals(new ImportTarget.External("com.acme.legacy"), resolveImport(SERVICE, "com.acme.legacy.OldShape"));
        assertEquals(new ImportTarget.External("com.acme.model"), resolveWritten("com.acme.model.Triangle", false));
    }

    @Test
    void externalWildcardIsThePackageItselfOrThePackageOfTheType() {
        assertEquals(new ImportTarget.External("java.util.concurrent"), resolveWritten("java.util.concurrent", true));
        assertEquals(new ImportTarget.External("org.junit"), resolveWritten("org.junit.Assert", true));
    }

    @Test
    void externalSpecWithoutAnUpperCaseSegmentStaysWhole() {
        assertEquals(
                new ImportTarget.External("org.example.lowercase.thing"),
                resolveWritten("org.example.lowercase.thing", false));
    }

    @Test
    void memberOfAMissingNestedTypeFallsBackToTheOuterTypesFile() {
        assertEquals(inRepository(GEOMETRY), resolveWritten("com.acme.util.Geometry.Missing.VALUE", false));
    }

    @Test
    void implicitlyVisibleFilesAreTheOtherFilesOfTheSamePackageAcrossSourceRoots() {
        assertEquals(List.of(SERVICE), resolver.implicitlyVisible(file(SERVICE_TEST)));
        assertEquals(
                List.of(MODEL + "AbstractShape.java", MODEL + "Point.java", MODEL + "Shape.java"),
                resolver.implicitlyVisible(file(MODEL + "Circle.java")));
        assertEquals(List.of(), resolver.implicitlyVisible(file(GEOMETRY)));
    }

    @Test
    void localTypesCannotBeImported() {
        FileExtraction local = new FileExtraction(
                "A.java",
                Language.JAVA,
                "p",
                3,
                List.of(
                        new Declaration(DeclarationKind.CLASS, "A", "A", "", "class A", "", false, 1, 3),
                        new Declaration(DeclarationKind.METHOD, "f", "A.f", "A", "void f()", "", false, 2, 2),
                        new Declaration(
                                DeclarationKind.CLASS, "Local", "A.f.Local", "A.f", "class Local", "", false, 2, 2)),
                List.of(),
                List.of(),
                List.of(),
                false);
        JavaImportResolver own = new JavaImportResolver(new RepositoryFiles(Path.of("."), List.of(local)));

        assertEquals(new ImportTarget.InRepository(List.of("A.java")), own.resolve(local, ImportRef.of("p.A", 1)));
        assertEquals(new ImportTarget.External("p"), own.resolve(local, ImportRef.of("p.Local", 1)));
    }

    @Test
    void aTypeDeclaredInTwoFilesResolvesToBoth() {
        FileExtraction first = javaFile("module-a/src/p/Dup.java", "p", "Dup");
        FileExtraction second = javaFile("module-b/src/p/Dup.java", "p", "Dup");
        JavaImportResolver own = new JavaImportResolver(new RepositoryFiles(Path.of("."), List.of(second, first)));

        assertEquals(
                new ImportTarget.InRepository(List.of("module-a/src/p/Dup.java", "module-b/src/p/Dup.java")),
                own.resolve(first, ImportRef.of("p.Dup", 1)));
    }

    @Test
    void filesOfOtherLanguagesAreNotIndexed() {
        FileExtraction java = javaFile("p/A.java", "p", "A");
        FileExtraction go = new FileExtraction(
                "p/b.go",
                Language.GO,
                "p",
                1,
                List.of(new Declaration(DeclarationKind.STRUCT, "B", "B", "", "type B struct", "", true, 1, 1)),
                List.of(),
                List.of(),
                List.of(),
                false);
        JavaImportResolver own = new JavaImportResolver(new RepositoryFiles(Path.of("."), List.of(java, go)));

        assertEquals(new ImportTarget.External("p"), own.resolve(java, ImportRef.of("p.B", 1)));
        assertEquals(List.of(), own.implicitlyVisible(java));
    }

    private static FileExtraction javaFile(String path, String packageName, String type) {
        return new FileExtraction(
                path,
                Language.JAVA,
                packageName,
                1,
                List.of(new Declaration(DeclarationKind.CLASS, type, type, "", "class " + type, "", true, 1, 1)),
                List.of(),
                List.of(),
                List.of(),
                false);
    }
}
