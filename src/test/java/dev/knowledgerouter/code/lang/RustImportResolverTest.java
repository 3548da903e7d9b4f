package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RustImportResolverTest {
    private static final Path FIXTURE = Path.of("src/test/resources/code/fixtures/rust");

    private static RepositoryFiles fixture;
    private static RustImportResolver fixtureResolver;

    @TempDir
    Path temp;

    @BeforeAll
    static void parseFixture() throws IOException {
        fixture = load(
                FIXTURE,
                new RepositoryScanner()
                        .scan(FIXTURE).files().stream()
                                .map(f -> f.relativePath().toString().replace('\\', '/'))
                                .toList());
        fixtureResolver = new RustImportResolver(fixture);
    }

    private static RepositoryFiles load(Path root, List<String> paths) throws IOException {
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(Map.of(Language.RUST, new RustExtractor()))) {
            for (String path : paths) {
                byte[] bytes = Files.readAllBytes(root.resolve(path));
                Language language =
                        Language.of(path.substring(path.lastIndexOf('/') + 1)).orElseThrow();
                extractions.add(parser.parse(path, language, new SourceText(bytes)));
            }
        }
        return new RepositoryFiles(root, extractions);
    }

    /** Writes a small repository and parses it. */
    private RepositoryFiles repository(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = temp.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        return load(temp, List.copyOf(files.keySet()));
    }

    private static ImportTarget resolve(RepositoryFiles files, String path, String spec) {
        return resolve(files, new RustImportResolver(files), path, spec);
    }

    private static ImportTarget resolve(RepositoryFiles files, RustImportResolver resolver, String path, String spec) {
        FileExtraction from = files.get(path).orElseThrow(() -> new AssertionError("no file " + path));
        ImportRef ref = from.imports().stream()
                .filter(i -> i.spec().equals(spec))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no import " + spec + " in " + from.imports()));
        return resolver.resolve(from, ref);
    }

    private static ImportTarget inFixture(String path, String spec) {
        return resolve(fixture, fixtureResolver, path, spec);
    }

    private static ImportTarget file(String path) {
        return new ImportTarget.InRepository(List.of(path));
    }

    private static ImportTarget external(String module) {
        return new ImportTarget.External(module);
    }

    @Test
    void fixtureHasTheManifestAndTheSixRustFiles() {
        assertEquals(
                List.of(
                        "Cargo.toml",
                        "src/api/mod.rs",
                        "src/lib.rs",
                        "src/main.rs",
                        "src/store.rs",
                        "src/store/memory.rs",
                        "tests/store_test.rs"),
                List.copyOf(fixture.byPath().keySet()));
    }

    @Test
    void modDeclarationInTheCrateRootResolvesToTheSiblingFileOrDirectory() {
        assertEquals(file("src/store.rs"), inFixture("src/lib.rs", "store"));
        assertEquals(file("src/api/mod.rs"), inFixture("src/lib.rs", "api"));
    }

    @Test
    void modDeclarationInANonRootModuleFileResolvesIntoItsOwnDirectory() {
        assertEquals(file("src/store/memory.rs"), inFixture("src/store.rs", "memory"));
    }

    @Test
    void cratePathResolvesToTheLongestPrefixThatIsAModuleFile() {
        assertEquals(file("src/store.rs"), inFixture("src/api/mod.rs", "crate::store::Item"));
        assertEquals(file("src/api/mod.rs"), inFixture("src/store/memory.rs", "crate::api::Catalog"));
    }

    @Test
    void superPathResolvesToTheParentModule() {
        assertEquals(file("src/store.rs"), inFixture("src/store/memory.rs", "super::Item"));
    }

    @Test
    void selfPathResolvesBelowTheCurrentModule() {
        assertEquals(file("src/store/memory.rs"), inFixture("src/store.rs", "self::memory::MemoryStore"));
    }

    @Test
    void bareNameOfADeclaredChildModuleResolvesInTheCurrentModule() {
        assertEquals(file("src/store.rs"), inFixture("src/lib.rs", "store::Item"));
    }

    @Test
    void ownCrateNameFromTheBinaryResolvesInTheLibrary() {
        assertEquals(file("src/api/mod.rs"), inFixture("src/main.rs", "shop_core::api::Handler"));
    }

    @Test
    void ownCrateNameOfAReExportedItemResolvesToTheLibraryRoot() {
        assertEquals(file("src/lib.rs"), inFixture("src/main.rs", "shop_core::MemoryStore"));
        assertEquals(file("src/lib.rs"), inFixture("tests/store_test.rs", "shop_core::Item"));
    }

    @Test
    void dependencyAndStandardLibraryImportsAreExternalCrates() {
        assertEquals(external("serde"), inFixture("src/store.rs", "serde::Serialize"));
        assertEquals(external("std"), inFixture("src/store/memory.rs", "std::collections::HashMap"));
    }

    @Test
    void crateRelativeImportOfAMissingModuleIsExternalAsWritten() {
        assertEquals(external("crate::missing::Thing"), inFixture("src/api/mod.rs", "crate::missing::Thing"));
    }

    @Test
    void everyImportOfTheFixtureResolves() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        fixture.byPath()
                .values()
                .forEach(from -> from.imports()
                        .forEach(ref -> outcomes.put(
                                from.path() + " " + ref.spec(),
                                switch (fixtureResolver.resolve(from, ref)) {
                                    case ImportTarget.InRepository in -> String.join(",", in.paths());
                                    case ImportTarget.External out -> "external " + out.module();
                                    case ImportTarget.Nothing nothing -> "nothing";
                                })));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("src/api/mod.rs crate::store::Item", "src/store.rs");
        expected.put("src/api/mod.rs crate::store::Repo", "src/store.rs");
        expected.put("src/api/mod.rs crate::missing::Thing", "external crate::missing::Thing");
        expected.put("src/lib.rs store", "src/store.rs");
        expected.put("src/lib.rs api", "src/api/mod.rs");
        expected.put("src/lib.rs store::Item", "src/store.rs");
        expected.put("src/lib.rs store::MemoryStore", "src/store.rs");
        expected.put("src/lib.rs store::Repo", "src/store.rs");
        expected.put("src/main.rs shop_core::api::Handler", "src/api/mod.rs");
        expected.put("src/main.rs shop_core::MemoryStore", "src/lib.rs");
        expected.put("src/store.rs memory", "src/store/memory.rs");
        expected.put("src/store.rs serde::Serialize", "external serde");
        expected.put("src/store.rs self::memory::MemoryStore", "src/store/memory.rs");
        expected.put("src/store/memory.rs std::collections::HashMap", "external std");
        expected.put("src/store/memory.rs super::Item", "src/store.rs");
        expected.put("src/store/memory.rs super::Repo", "src/store.rs");
        expected.put("src/store/memory.rs crate::api::Catalog", "src/api/mod.rs");
        expected.put("tests/store_test.rs shop_core::Item", "src/lib.rs");
        expected.put("tests/store_test.rs shop_core::MemoryStore", "src/lib.rs");
        expected.put("tests/store_test.rs shop_core::Repo", "src/lib.rs");
        assertEquals(expected, outcomes);
    }

    @Test
    void fixtureDeclaresTheTraitImplementationsAndTheSupertrait() {
        FileExtraction memory = fixture.get("src/store/memory.rs").orElseThrow();
        assertEquals(
                List.of(
                        new SupertypeRef("MemoryStore", "Repo", true, 18),
                        new SupertypeRef("MemoryStore", "Catalog", true, 28)),
                memory.supertypes());
        FileExtraction api = fixture.get("src/api/mod.rs").orElseThrow();
        assertEquals(List.of(new SupertypeRef("Catalog", "Repo", false, 5)), api.supertypes());
        assertEquals(
                "Describes the item with this id, if there is one.",
                api.declarations().stream()
                        .filter(d -> d.qualifiedName().equals("Handler.show"))
                        .findFirst()
                        .orElseThrow()
                        .doc());
    }

    @Test
    void aTestFileIsACrateRootWhoseModulesSitBesideIt() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", "pub fn run() {}\n",
                "tests/flow.rs", "mod common;\nuse common::setup;\nuse crate::common::helpers::Fixture;\n",
                "tests/common/mod.rs", "pub mod helpers;\npub fn setup() {}\n",
                "tests/common/helpers.rs", "pub struct Fixture;\n"));

        assertEquals(file("tests/common/mod.rs"), resolve(files, "tests/flow.rs", "common"));
        assertEquals(file("tests/common/mod.rs"), resolve(files, "tests/flow.rs", "common::setup"));
        assertEquals(
                file("tests/common/helpers.rs"), resolve(files, "tests/flow.rs", "crate::common::helpers::Fixture"));
        assertEquals(file("tests/common/helpers.rs"), resolve(files, "tests/common/mod.rs", "helpers"));
    }

    @Test
    void workspaceCrateImportsResolveIntoTheOtherCrateByItsUnderscoredName() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n",
                "crates/data-model/Cargo.toml",
                        "[package]\nname = \"data-model\"\n\n[dependencies]\nname = \"ignored\"\n",
                "crates/data-model/src/lib.rs", "pub mod order;\n",
                "crates/data-model/src/order.rs", "pub struct Order;\n",
                "crates/server/Cargo.toml", "[package]\nname = \"server\"\n",
                "crates/server/src/main.rs", "mod routes;\nuse data_model::order::Order;\nuse server::x;\n",
                "crates/server/src/routes.rs", "use crate::routes::Route;\npub struct Route;\n"));

        assertEquals(
                file("crates/data-model/src/order.rs"),
                resolve(files, "crates/server/src/main.rs", "data_model::order::Order"));
        assertEquals(file("crates/server/src/routes.rs"), resolve(files, "crates/server/src/main.rs", "routes"));
        assertEquals(
                file("crates/server/src/routes.rs"),
                resolve(files, "crates/server/src/routes.rs", "crate::routes::Route"));
        // server has no library target, so its name does not lead anywhere in the repository.
        assertEquals(external("server"), resolve(files, "crates/server/src/main.rs", "server::x"));
    }

    @Test
    void libSectionNameOverridesThePackageName() {
        assertEquals(
                Optional.of("fast_core"),
                RustImportResolver.libraryName("[package]\nname = \"core-lib\"\n\n[lib]\nname = \"fast_core\"\n"));
        assertEquals(Optional.of("core_lib"), RustImportResolver.libraryName("[package]\nname = 'core-lib'\n"));
        assertEquals(Optional.empty(), RustImportResolver.libraryName("[workspace]\nmembers = []\n"));
    }

    @Test
    void missingModuleFileIsExternalByItsModulePath() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", "mod gone;\nmod net;\n",
                "src/net.rs", "mod absent;\n"));

        assertEquals(external("crate::gone"), resolve(files, "src/lib.rs", "gone"));
        assertEquals(external("crate::net::absent"), resolve(files, "src/net.rs", "absent"));
    }

    @Test
    void cratePathToAnItemOfTheRootResolvesToTheRootFile() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", "mod util;\npub struct Config;\n",
                "src/util.rs", "use crate::Config;\nuse crate::Nowhere;\nuse super::*;\nuse super::super::Up;\n"));

        assertEquals(file("src/lib.rs"), resolve(files, "src/util.rs", "crate::Config"));
        assertEquals(external("crate::Nowhere"), resolve(files, "src/util.rs", "crate::Nowhere"));
        assertEquals(file("src/lib.rs"), resolve(files, "src/util.rs", "super"));
        assertEquals(external("super::super::Up"), resolve(files, "src/util.rs", "super::super::Up"));
    }

    @Test
    void superGlobOfAnInlineTestModuleMeansTheFileItself() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", "mod util;\n#[cfg(test)]\nmod tests { use super::*; }\n",
                "src/util.rs", "pub fn trim() {}\n#[cfg(test)]\nmod tests { use super::*; }\n"));

        assertEquals(file("src/lib.rs"), resolve(files, "src/lib.rs", "self"));
        assertEquals(file("src/util.rs"), resolve(files, "src/util.rs", "self"));
    }

    @Test
    void modDeclarationInsideAnInlineModuleResolvesBelowItsDirectory() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", "mod net;\n",
                "src/net.rs", "pub mod proto { pub mod http; }\n",
                "src/net/proto/http.rs", "pub struct Request;\n"));

        assertEquals(file("src/net/proto/http.rs"), resolve(files, "src/net.rs", "proto::http"));
    }

    @Test
    void bareNameOfAnItemOfTheSameFileResolvesToThatFile() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", """
                        use Direction::*;
                        use shapes::Circle;
                        use ::std::fmt;
                        use log::info;
                        pub enum Direction { Up, Down }
                        mod shapes { pub struct Circle; }
                        fn log() {}
                        """));

        assertEquals(file("src/lib.rs"), resolve(files, "src/lib.rs", "Direction"));
        assertEquals(file("src/lib.rs"), resolve(files, "src/lib.rs", "shapes::Circle"));
        assertEquals(external("std"), resolve(files, "src/lib.rs", "::std::fmt"));
        assertEquals(external("log"), resolve(files, "src/lib.rs", "log::info"));
    }

    @Test
    void externCrateOfAWorkspaceLibraryResolvesToItsRoot() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/lib.rs", "pub fn run() {}\n",
                "examples/demo.rs", "extern crate app;\nextern crate log;\n"));

        assertEquals(file("src/lib.rs"), resolve(files, "examples/demo.rs", "app"));
        assertEquals(external("log"), resolve(files, "examples/demo.rs", "log"));
    }

    @Test
    void rustFilesWithoutAManifestStillResolveByLayout() throws IOException {
        RepositoryFiles files = repository(Map.of(
                "src/main.rs", "mod cli;\nuse crate::cli::Args;\n",
                "src/cli.rs", "pub struct Args;\n"));

        assertEquals(file("src/cli.rs"), resolve(files, "src/main.rs", "cli"));
        assertEquals(file("src/cli.rs"), resolve(files, "src/main.rs", "crate::cli::Args"));
    }
}
