package dev.knowledgerouter.code.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How JavaScript and TypeScript module specifiers resolve to repository files or npm packages. */
class EcmaScriptImportResolverTest {
    private static final Path FIXTURE = Path.of("src/test/resources/code/fixtures/ecmascript");

    @TempDir
    Path root;

    private static RepositoryFiles listed(Path root, String... paths) {
        List<FileExtraction> files = new ArrayList<>();
        for (String path : paths) {
            Language language =
                    Language.of(path.substring(path.lastIndexOf('/') + 1)).orElse(Language.TEXT);
            files.add(FileExtraction.text(path, language, 1));
        }
        return new RepositoryFiles(root, files);
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static ImportTarget resolve(RepositoryFiles files, String from, String spec) {
        FileExtraction file = files.get(from).orElseGet(() -> FileExtraction.text(from, Language.TYPESCRIPT, 1));
        return new EcmaScriptImportResolver(files).resolve(file, ImportRef.of(spec, 1));
    }

    private static ImportTarget.InRepository in(String path) {
        return new ImportTarget.InRepository(List.of(path));
    }

    private static ImportTarget.External external(String module) {
        return new ImportTarget.External(module);
    }

    @Test
    void theFixtureAppResolvesEveryImportToItsFileOrPackage() throws IOException {
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(Map.of(
                        Language.JAVASCRIPT, new EcmaScriptExtractor(Language.JAVASCRIPT),
                        Language.TYPESCRIPT, new EcmaScriptExtractor(Language.TYPESCRIPT),
                        Language.TSX, new EcmaScriptExtractor(Language.TSX)));
                Stream<Path> walk = Files.walk(FIXTURE)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = FIXTURE.relativize(file).toString().replace('\\', '/');
                Language language = Language.of(file.getFileName().toString()).orElseThrow();
                extractions.add(parser.parse(path, language, new SourceText(read(file))));
            }
        }
        RepositoryFiles files = new RepositoryFiles(FIXTURE, extractions);
        EcmaScriptImportResolver resolver = new EcmaScriptImportResolver(files);

        List<String> resolved = new ArrayList<>();
        for (FileExtraction file : files.byPath().values()) {
            for (ImportRef ref : file.imports()) {
                resolved.add(file.path() + " " + ref.spec() + " -> "
                        + switch (resolver.resolve(file, ref)) {
                            case ImportTarget.InRepository in -> String.join(",", in.paths());
                            case ImportTarget.External ext -> "external " + ext.module();
                            case ImportTarget.Nothing nothing -> "nothing";
                        });
            }
        }

        assertEquals(
                List.of(
                        "src/components/Button.tsx react -> external react",
                        "src/components/Button.tsx ../lib/types -> src/lib/types.ts",
                        "src/components/Button.tsx ../lib/types -> src/lib/types.ts",
                        "src/index.ts react-dom/client -> external react-dom",
                        "src/index.ts node:fs -> external fs",
                        "src/index.ts @/components/Button -> src/components/Button.tsx",
                        "src/index.ts ./lib -> src/lib/index.ts",
                        "src/index.ts ./lib/types.js -> src/lib/types.ts",
                        "src/index.ts @scope/pkg/sub -> external @scope/pkg",
                        "src/index.ts ./config -> external ./config",
                        "src/index.ts ./lib -> src/lib/index.ts",
                        "src/legacy/loader.js path -> external path",
                        "src/legacy/loader.js ../lib/math -> src/lib/math.js",
                        "src/legacy/loader.js ../lib/math.js -> src/lib/math.js",
                        "src/lib/index.ts ./math.js -> src/lib/math.js",
                        "src/lib/index.ts ./format.js -> src/lib/format.ts",
                        "src/lib/index.ts ./types -> src/lib/types.ts",
                        "src/lib/math.test.js node:assert -> external assert",
                        "src/lib/math.test.js ./math -> src/lib/math.js"),
                resolved);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRelativeSpecTriesTheExactPathThenTypeScriptBeforeJavaScriptExtensions() {
        RepositoryFiles files = listed(root, "src/app.ts", "src/util.ts", "src/util.js", "src/data.json");

        assertEquals(in("src/util.ts"), resolve(files, "src/app.ts", "./util"));
        assertEquals(in("src/util.js"), resolve(files, "src/app.ts", "./util.js"));
        assertEquals(in("src/data.json"), resolve(files, "src/app.ts", "./data.json"));
    }

    @Test
    void everyModuleExtensionIsTried() {
        RepositoryFiles files =
                listed(root, "a.ts", "b.tsx", "c.d.ts", "d.js", "e.jsx", "f.mjs", "g.cjs", "h.mts", "i.cts");

        assertEquals(
                List.of(
                        in("b.tsx"),
                        in("c.d.ts"),
                        in("d.js"),
                        in("e.jsx"),
                        in("f.mjs"),
                        in("g.cjs"),
                        in("h.mts"),
                        in("i.cts")),
                Stream.of("./b", "./c", "./d", "./e", "./f", "./g", "./h", "./i")
                        .map(spec -> resolve(files, "a.ts", spec))
                        .toList());
    }

    @Test
    void aJavaScriptSpecifierWithoutItsFileFindsTheTypeScriptSource() {
        RepositoryFiles files = listed(
                root, "src/app.ts", "src/user.ts", "src/view.tsx", "src/esm.mts", "src/cjs.cts", "src/panel.tsx");

        assertEquals(in("src/user.ts"), resolve(files, "src/app.ts", "./user.js"));
        assertEquals(in("src/view.tsx"), resolve(files, "src/app.ts", "./view.js"));
        assertEquals(in("src/panel.tsx"), resolve(files, "src/app.ts", "./panel.jsx"));
        assertEquals(in("src/esm.mts"), resolve(files, "src/app.ts", "./esm.mjs"));
        assertEquals(in("src/cjs.cts"), resolve(files, "src/app.ts", "./cjs.cjs"));
    }

    @Test
    void aDirectorySpecResolvesToItsIndexFile() {
        RepositoryFiles files = listed(root, "src/app.ts", "src/lib/index.tsx", "src/lib/deep/x.js", "src/index.js");

        assertEquals(in("src/lib/index.tsx"), resolve(files, "src/app.ts", "./lib"));
        assertEquals(in("src/lib/index.tsx"), resolve(files, "src/app.ts", "./lib/"));
        assertEquals(in("src/index.js"), resolve(files, "src/lib/deep/x.js", "../.."));
        assertEquals(in("src/index.js"), resolve(files, "src/app.ts", "."));
    }

    @Test
    void parentSegmentsAreFollowedAndClimbingOutOfTheRepositoryIsExternal() {
        RepositoryFiles files = listed(root, "a/b/c.ts", "a/shared.ts");

        assertEquals(in("a/shared.ts"), resolve(files, "a/b/c.ts", "../shared"));
        assertEquals(in("a/shared.ts"), resolve(files, "a/b/c.ts", "./../../a/./shared"));
        assertEquals(external("../../../outside"), resolve(files, "a/b/c.ts", "../../../outside"));
    }

    @Test
    void anUnresolvedRelativeSpecIsExternalAsWritten() {
        RepositoryFiles files = listed(root, "src/app.ts");

        assertEquals(external("./missing.js"), resolve(files, "src/app.ts", "./missing.js"));
    }

    @Test
    void onlyFilesOfTheRepositoryCountNotFilesOnDisk() throws IOException {
        write("src/generated.ts", "export const x = 1;\n");
        RepositoryFiles files = listed(root, "src/app.ts");

        assertEquals(external("./generated"), resolve(files, "src/app.ts", "./generated"));
    }

    @Test
    void bareSpecsAreNpmPackagesNamedWithoutTheirSubpath() {
        RepositoryFiles files = listed(root, "src/app.ts");

        assertEquals(
                List.of(
                        external("react"),
                        external("react"),
                        external("@scope/pkg"),
                        external("@scope/pkg"),
                        external("fs"),
                        external("fs"),
                        external("lodash")),
                Stream.of("react", "react/jsx-runtime", "@scope/pkg", "@scope/pkg/sub/deep", "node:fs", "fs", "lodash")
                        .map(spec -> resolve(files, "src/app.ts", spec))
                        .toList());
    }

    @Test
    void aPathsAliasSubstitutesTheStarAndResolvesLikeARelativePath() throws IOException {
        write("tsconfig.json", """
                {
                  // aliases
                  "compilerOptions": {
                    "paths": {
                      "@/*": ["src/*"],
                      "@ui/*": ["missing/*", "packages/ui/src/*",],
                      "config": ["src/config/index.ts"],
                    },
                  },
                }
                """);
        RepositoryFiles files =
                listed(root, "src/app.ts", "src/lib/index.ts", "packages/ui/src/button.tsx", "src/config/index.ts");

        assertEquals(in("src/lib/index.ts"), resolve(files, "src/app.ts", "@/lib"));
        assertEquals(in("packages/ui/src/button.tsx"), resolve(files, "src/app.ts", "@ui/button"));
        assertEquals(in("src/config/index.ts"), resolve(files, "src/app.ts", "config"));
        assertEquals(external("@ui/nothing"), resolve(files, "src/app.ts", "@ui/nothing"));
        assertEquals(external("react"), resolve(files, "src/app.ts", "react"));
    }

    @Test
    void theLongestMatchingPathsPrefixWins() throws IOException {
        write("tsconfig.json", """
                {"compilerOptions": {"paths": {"@/*": ["src/*"], "@/components/*": ["ui/*"]}}}
                """);
        RepositoryFiles files = listed(root, "app.ts", "src/components/card.ts", "ui/card.ts");

        assertEquals(in("ui/card.ts"), resolve(files, "app.ts", "@/components/card"));
    }

    @Test
    void pathsTargetsAreRelativeToBaseUrl() throws IOException {
        write("tsconfig.json", """
                {"compilerOptions": {"baseUrl": "./src", "paths": {"~/*": ["*"]}}}
                """);
        RepositoryFiles files = listed(root, "src/app.ts", "src/store/user.ts");

        assertEquals(in("src/store/user.ts"), resolve(files, "src/app.ts", "~/store/user"));
    }

    @Test
    void aBareSpecResolvesAgainstBaseUrlBeforeBeingAPackage() throws IOException {
        write("tsconfig.json", """
                {"compilerOptions": {"baseUrl": "src"}}
                """);
        RepositoryFiles files = listed(root, "src/app.ts", "src/utils/date.ts");

        assertEquals(in("src/utils/date.ts"), resolve(files, "src/app.ts", "utils/date"));
        assertEquals(external("utils"), resolve(files, "src/app.ts", "utils/missing"));
    }

    @Test
    void withoutBaseUrlBareSpecsStayPackagesEvenIfAFileMatches() {
        RepositoryFiles files = listed(root, "app.ts", "utils/date.ts");

        assertEquals(external("utils"), resolve(files, "app.ts", "utils/date"));
    }

    @Test
    void jsconfigIsReadWhenThereIsNoTsconfig() throws IOException {
        write("jsconfig.json", """
                {"compilerOptions": {"baseUrl": ".", "paths": {"#lib/*": ["lib/*"]}}}
                """);
        RepositoryFiles files = listed(root, "app.js", "lib/math.js");

        assertEquals(in("lib/math.js"), resolve(files, "app.js", "#lib/math"));
    }

    @Test
    void anUnreadableTsconfigLeavesRelativeResolutionWorking() throws IOException {
        write("tsconfig.json", "{ \"compilerOptions\": { \"paths\": ");
        RepositoryFiles files = listed(root, "app.ts", "lib.ts");

        assertEquals(in("lib.ts"), resolve(files, "app.ts", "./lib"));
        assertEquals(external("@/lib"), resolve(files, "app.ts", "@/lib"));
    }
}
