package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoImportResolverTest {
    private static RepositoryFiles fixture;
    private static GoImportResolver resolver;

    @BeforeAll
    static void parseFixture() throws Exception {
        fixture = load(fixtureRoot());
        resolver = new GoImportResolver(fixture);
    }

    private static Path fixtureRoot() throws URISyntaxException {
        return Path.of(
                GoImportResolverTest.class.getResource("/code/fixtures/go").toURI());
    }

    /** Parses every analysable file below the root the way {@code kr analyze} would. */
    private static RepositoryFiles load(Path root) throws IOException {
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(Map.of(Language.GO, new GoExtractor()));
                Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Optional<Language> language = Language.of(file.getFileName().toString());
                if (language.isEmpty()) {
                    continue;
                }
                String path = root.relativize(file).toString().replace('\\', '/');
                extractions.add(parser.parse(path, language.get(), new SourceText(Files.readAllBytes(file))));
            }
        }
        return new RepositoryFiles(root, extractions);
    }

    private static FileExtraction file(String path) {
        return fixture.get(path).orElseThrow(() -> new AssertionError("fixture lacks " + path));
    }

    private static ImportTarget resolveIn(String path, String spec) {
        FileExtraction from = file(path);
        ImportRef ref = from.imports().stream()
                .filter(i -> i.spec().equals(spec))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " does not import " + spec + ": " + from.imports()));
        return resolver.resolve(from, ref);
    }

    @Test
    void theFixtureIsAGoModuleWithItsGoModFile() {
        assertEquals(
                List.of(
                        "cmd/shop/main.go",
                        "go.mod",
                        "internal/store/example_test.go",
                        "internal/store/memory.go",
                        "internal/store/store.go",
                        "internal/store/store_test.go",
                        "pkg/api/api.go"),
                List.copyOf(fixture.byPath().keySet()));
        assertEquals(Language.GO_MOD, file("go.mod").language());
        assertEquals(
                List.of("main", "store_test", "store", "store", "store", "api"),
                fixture.byPath().values().stream()
                        .filter(f -> f.language() == Language.GO)
                        .map(FileExtraction::packageName)
                        .toList());
    }

    @Test
    void aModuleImportResolvesToThePackagesNonTestFilesSorted() {
        assertEquals(
                new ImportTarget.InRepository(List.of("internal/store/memory.go", "internal/store/store.go")),
                resolveIn("cmd/shop/main.go", "example.com/shop/internal/store"));
        assertEquals(
                new ImportTarget.InRepository(List.of("pkg/api/api.go")),
                resolveIn("internal/store/store.go", "example.com/shop/pkg/api"));
    }

    @Test
    void standardLibraryAndThirdPartyImportsAreExternalUnderTheirImportPath() {
        assertEquals(new ImportTarget.External("fmt"), resolveIn("cmd/shop/main.go", "fmt"));
        assertEquals(
                new ImportTarget.External("github.com/google/uuid"),
                resolveIn("internal/store/store.go", "github.com/google/uuid"));
    }

    @Test
    void aModulePathWithoutGoFilesIsExternal() {
        assertEquals(
                new ImportTarget.External("example.com/shop/missing"),
                resolveIn("cmd/shop/main.go", "example.com/shop/missing"));
    }

    @Test
    void filesOfTheSamePackageDirectorySeeEachOtherWithoutImports() {
        assertEquals(
                List.of("internal/store/store.go", "internal/store/store_test.go"),
                resolver.implicitlyVisible(file("internal/store/memory.go")));
        assertEquals(
                List.of("internal/store/memory.go", "internal/store/store_test.go"),
                resolver.implicitlyVisible(file("internal/store/store.go")));
        assertEquals(List.of(), resolver.implicitlyVisible(file("pkg/api/api.go")));
    }

    @Test
    void anExternalTestPackageIsADifferentPackageInTheSameDirectory() {
        assertEquals(List.of(), resolver.implicitlyVisible(file("internal/store/example_test.go")));
        assertEquals(
                new ImportTarget.InRepository(List.of("internal/store/memory.go", "internal/store/store.go")),
                resolveIn("internal/store/example_test.go", "example.com/shop/internal/store"));
    }

    @Test
    void theFixtureDeclaresEmbeddingAndMethodsAcrossTheFilesOfOnePackage() {
        assertEquals(
                List.of("STRUCT Store", "METHOD Store.Get", "METHOD Store.Put"),
                file("internal/store/store.go").declarations().stream()
                        .map(d -> d.kind() + " " + d.qualifiedName())
                        .toList());
        assertEquals(
                List.of("STRUCT Base", "METHOD Base.touch", "FUNCTION NewMemory"),
                file("internal/store/memory.go").declarations().stream()
                        .map(d -> d.kind() + " " + d.qualifiedName())
                        .toList());
        assertEquals(
                List.of(
                        new SupertypeRef("Store", "sync.Mutex", false, 18),
                        new SupertypeRef("Store", "Base", false, 19)),
                file("internal/store/store.go").supertypes());
        assertEquals(
                List.of(
                        new SupertypeRef("GetCloser", "Getter", false, 19),
                        new SupertypeRef("GetCloser", "io.Closer", false, 20)),
                file("pkg/api/api.go").supertypes());
    }

    @Test
    void theLongestMatchingModulePathWinsForNestedModules(@TempDir Path root) throws IOException {
        write(root, "go.mod", "module example.com/mono\n");
        write(root, "sub/x/x.go", "package x\n");
        write(root, "nested/go.mod", "module example.com/mono/sub // the tools module\n");
        write(root, "nested/x/x.go", "package x\n");
        write(root, "main.go", "package main\n\nimport \"example.com/mono/sub/x\"\n");
        RepositoryFiles files = load(root);
        GoImportResolver nested = new GoImportResolver(files);
        FileExtraction main = files.get("main.go").orElseThrow();

        assertEquals(
                new ImportTarget.InRepository(List.of("nested/x/x.go")),
                nested.resolve(main, main.imports().get(0)));
    }

    @Test
    void aModuleRootImportResolvesToTheFilesBesideGoMod(@TempDir Path root) throws IOException {
        write(root, "lib/go.mod", "// the library\nmodule \"example.com/lib\"\n\ngo 1.22\n");
        write(root, "lib/lib.go", "package lib\n");
        write(root, "lib/util.go", "package lib\n");
        write(root, "lib/lib_test.go", "package lib\n");
        write(root, "app/main.go", "package main\n\nimport \"example.com/lib\"\n");
        RepositoryFiles files = load(root);
        FileExtraction main = files.get("app/main.go").orElseThrow();

        assertEquals(
                new ImportTarget.InRepository(List.of("lib/lib.go", "lib/util.go")),
                new GoImportResolver(files).resolve(main, main.imports().get(0)));
    }

    @Test
    void withoutAGoModEveryImportIsExternal(@TempDir Path root) throws IOException {
        write(root, "a/a.go", "package a\n");
        write(root, "main.go", "package main\n\nimport \"a\"\n");
        RepositoryFiles files = load(root);
        FileExtraction main = files.get("main.go").orElseThrow();

        assertEquals(
                new ImportTarget.External("a"),
                new GoImportResolver(files).resolve(main, main.imports().get(0)));
    }

    @Test
    void theModuleDirectiveIsReadQuotedOrNotAndPastComments() {
        assertEquals(Optional.of("example.com/shop"), GoImportResolver.modulePath("module example.com/shop\n"));
        assertEquals(
                Optional.of("example.com/q"),
                GoImportResolver.modulePath("// header\r\nmodule   \"example.com/q\" // note\r\n"));
        assertEquals(Optional.empty(), GoImportResolver.modulePath("modules are great\ngo 1.22\n"));
    }

    private static void write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
