package dev.knowledgerouter.code.scan;

import static dev.knowledgerouter.code.scan.SkipReason.BINARY;
import static dev.knowledgerouter.code.scan.SkipReason.GENERATED;
import static dev.knowledgerouter.code.scan.SkipReason.GITIGNORED;
import static dev.knowledgerouter.code.scan.SkipReason.LOCK_FILE;
import static dev.knowledgerouter.code.scan.SkipReason.MINIFIED;
import static dev.knowledgerouter.code.scan.SkipReason.SYMLINK_OUTSIDE_ROOT;
import static dev.knowledgerouter.code.scan.SkipReason.SYMLINK_WITHIN_ROOT;
import static dev.knowledgerouter.code.scan.SkipReason.TOO_LARGE;
import static dev.knowledgerouter.code.scan.SkipReason.UNKNOWN_TYPE;
import static dev.knowledgerouter.code.scan.SkipReason.VENDORED_DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knowledgerouter.code.syntax.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small repositories written file by file; each test checks the exact files kept and the exact skip
 * counts. The {@code .gitignore} files themselves show up as {@code UNKNOWN_TYPE}.
 */
class RepositoryScannerTest {
    @TempDir
    Path temp;

    Path repo;

    @BeforeEach
    void createRepo() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
    }

    void write(String path, String content) throws IOException {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    void write(String path, byte[] content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    ScanReport scan() throws IOException {
        return new RepositoryScanner().scan(repo);
    }

    static List<String> paths(ScanReport report) {
        return report.files().stream()
                .map(f -> f.relativePath().toString().replace('\\', '/'))
                .toList();
    }

    @Test
    void aNestedGitignoreReincludesWhatTheRootOneIgnoresButOnlyBelowItself() throws IOException {
        write(".gitignore", "*.md\n");
        write("notes.md", "root notes\n");
        write("keep.md", "ignored: the nested negation does not reach up here\n");
        write("docs/.gitignore", "!keep.md\n");
        write("docs/keep.md", "kept\n");
        write("docs/draft.md", "still ignored by the root rule\n");
        write("docs/guide.txt", "kept\n");

        ScanReport report = scan();

        assertEquals(List.of("docs/guide.txt", "docs/keep.md"), paths(report));
        assertEquals(Map.of(GITIGNORED, 3, UNKNOWN_TYPE, 2), report.skipped());
    }

    @Test
    void aFileInsideAnIgnoredDirectoryCannotBeReincluded() throws IOException {
        write(".gitignore", "cache/\n!cache/keep.md\n");
        write("cache/keep.md", "git cannot re-include this: its directory is excluded\n");
        write("cache/other.md", "x\n");
        write("src/app.py", "print('hi')\n");

        ScanReport report = scan();

        assertEquals(List.of("src/app.py"), paths(report));
        assertEquals(Map.of(GITIGNORED, 1, UNKNOWN_TYPE, 1), report.skipped());
    }

    @Test
    void anchoredPatternsMatchOnlyAtTheLevelOfTheirGitignore() throws IOException {
        write(".gitignore", "/config.yaml\nsrc/gen.py\n");
        write("config.yaml", "a: 1\n");
        write("app/config.yaml", "a: 2\n");
        write("src/gen.py", "x = 1\n");
        write("lib/src/gen.py", "x = 2\n");
        write("sub/.gitignore", "/local.md\n");
        write("sub/local.md", "ignored\n");
        write("sub/deep/local.md", "kept\n");

        ScanReport report = scan();

        assertEquals(List.of("app/config.yaml", "lib/src/gen.py", "sub/deep/local.md"), paths(report));
        assertEquals(Map.of(GITIGNORED, 3, UNKNOWN_TYPE, 2), report.skipped());
    }

    @Test
    void directoryOnlyPatternsPruneDirectoriesAtAnyDepthButLeaveFilesOfThatName() throws IOException {
        write(".gitignore", "cache/\n");
        write("cache/a.py", "a = 1\n");
        write("lib/cache/b.py", "b = 1\n");
        write("lib/cache.py", "kept: a different name\n");
        write("src/cache", "a file called cache reaches the type check, not the ignore rule\n");

        ScanReport report = scan();

        assertEquals(List.of("lib/cache.py"), paths(report));
        assertEquals(Map.of(GITIGNORED, 2, UNKNOWN_TYPE, 2), report.skipped());
    }

    @Test
    void vendoredAndBuildDirectoriesArePrunedAtAnyDepth() throws IOException {
        write("src/main/java/App.java", "class App {}\n");
        write("node_modules/left-pad/index.js", "module.exports = 1;\n");
        write("web/node_modules/react/index.js", "module.exports = 2;\n");
        write("target/generated-sources/A.java", "class A {}\n");
        write("vendor/github.com/x/y.go", "package y\n");
        write("api/__pycache__/m.py", "x = 1\n");
        write(".venv/lib/site.py", "x = 1\n");
        write(".mvn/wrapper/maven-wrapper.properties", "distributionUrl=x\n");
        write(".mvn/maven.config.properties", "kept: only the wrapper directory is vendored\n");
        write("tools/wrapper/run.sh", "echo kept: 'wrapper' alone is not vendored\n");

        ScanReport report = scan();

        assertEquals(
                List.of(".mvn/maven.config.properties", "src/main/java/App.java", "tools/wrapper/run.sh"),
                paths(report));
        assertEquals(Map.of(VENDORED_DIR, 7), report.skipped());
    }

    @Test
    void binaryFilesAreSkippedByExtensionOrByANulByteInTheirHead() throws IOException {
        write("logo.png", "even text content: the extension decides\n");
        write("data.txt", new byte[] {'a', 'b', 0, 'c'});
        write("notes.txt", "naïve café\n");

        ScanReport report = scan();

        assertEquals(List.of("notes.txt"), paths(report));
        assertEquals(Map.of(BINARY, 2), report.skipped());
    }

    @Test
    void generatedFilesAreSkippedByTheMarkerInTheirHeader() throws IOException {
        write(
                "api/api.pb.go",
                "// Code generated by protoc-gen-go. DO NOT EDIT.\n// source: api.proto\n\npackage api\n");
        write("src/parser.rs", "// @generated by lalrpop\nuse std::fmt;\n");
        write("main.go", "package main\n\n// Do not edit the table below by hand.\nvar table = []int{1}\n");

        ScanReport report = scan();

        assertEquals(List.of("main.go"), paths(report));
        assertEquals(Map.of(GENERATED, 2), report.skipped());
    }

    @Test
    void minifiedJavaScriptIsSkippedByNameOrByAnOverlongLine() throws IOException {
        write("static/jquery.min.js", "!function(){}();\n");
        write("static/bundle.js", "var a=1;" + "a+=1;".repeat(1000) + "\n");
        write("static/app.js", "export const a = 1;\n");
        write("static/data.json", "[" + "1,".repeat(2000) + "1]\n");

        ScanReport report = scan();

        assertEquals(List.of("static/app.js", "static/data.json"), paths(report));
        assertEquals(Map.of(MINIFIED, 2), report.skipped());
    }

    @Test
    void filesOverTheSizeLimitAreSkippedAndFilesAtItAreKept() throws IOException {
        write("at-limit.py", "#".repeat(99) + "\n");
        write("over-limit.py", "#".repeat(100) + "\n");

        ScanReport report = new RepositoryScanner(ScanPolicy.defaults().withMaxFileBytes(100)).scan(repo);

        assertEquals(List.of("at-limit.py"), paths(report));
        assertEquals(Map.of(TOO_LARGE, 1), report.skipped());
    }

    @Test
    void theDefaultSizeLimitIsOneMebibyte() throws IOException {
        write("big.txt", "x".repeat(1024 * 1024) + "\n");
        write("fits.txt", "x".repeat(1024 * 1024 - 1) + "\n");

        ScanReport report = scan();

        assertEquals(List.of("fits.txt"), paths(report));
        assertEquals(Map.of(TOO_LARGE, 1), report.skipped());
    }

    @Test
    void symlinksAreNeverFollowedAndThoseLeavingTheRootAreCountedApart() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.py"), "token = 'x'\n");
        write("src/real.py", "x = 1\n");
        symlink("leak.py", outside.resolve("secret.py"));
        symlink("leakdir", outside);
        symlink("dangling.py", repo.resolve("missing.py"));
        symlink("alias.py", repo.resolve("src/real.py"));
        symlink("srcdir", repo.resolve("src"));

        ScanReport report = scan();

        assertEquals(List.of("src/real.py"), paths(report));
        assertEquals(Map.of(SYMLINK_OUTSIDE_ROOT, 3, SYMLINK_WITHIN_ROOT, 2), report.skipped());
    }

    void symlink(String link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(repo.resolve(link), target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }

    @Test
    void lockFilesAndUnknownFormatsAreSkippedWhileBuildConfigIsKept() throws IOException {
        write("package-lock.json", "{}\n");
        write("Cargo.lock", "# lock\n");
        write("go.sum", "x v1 h1:abc\n");
        write("web/yarn.lock", "# lock\n");
        write("diagram.svg", "<svg/>\n");
        write("main.zig", "pub fn main() void {}\n");
        write("Cargo.toml", "[package]\n");
        write("go.mod", "module example.com/x\n");
        write("Dockerfile", "FROM scratch\n");

        ScanReport report = scan();

        assertEquals(List.of("Cargo.toml", "Dockerfile", "go.mod"), paths(report));
        assertEquals(Map.of(LOCK_FILE, 4, UNKNOWN_TYPE, 2), report.skipped());
    }

    @Test
    void gitInfoExcludeIsHonouredAndTheGitDirectoryIsNeverEntered() throws IOException {
        write(".git/info/exclude", "scratch.md\n");
        write(".git/HEAD", "ref: refs/heads/main\n");
        write(".git/description.txt", "would be TEXT if .git were scanned\n");
        write("scratch.md", "local notes\n");
        write("README.md", "# Project\n");

        ScanReport report = scan();

        assertEquals(List.of("README.md"), paths(report));
        assertEquals(Map.of(GITIGNORED, 1), report.skipped());
    }

    @Test
    void filesComeBackSortedByPathWithLanguageSizeAndHash() throws IOException {
        write("b/z.go", "package b\n");
        write("a/b.md", "hello\n");
        write("a.txt", "hello\n");
        write("B.rs", "fn main() {}\n");

        ScanReport report = scan();

        assertEquals(List.of("B.rs", "a.txt", "a/b.md", "b/z.go"), paths(report));
        // sha256("hello\n"), as printed by sha256sum.
        String hello = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
        assertEquals(
                new SourceFile(Path.of("a/b.md"), Language.MARKDOWN, 6, hello),
                report.files().get(2));
        assertEquals(Language.GO, report.files().get(3).language());
        assertEquals(repo.toRealPath(), report.root());
        assertEquals(0, report.skippedTotal());
    }

    @Test
    void filesReadOnSeveralThreadsStillComeBackInPathOrderWithEverySkipCounted() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String path = "pkg" + (i % 7) + "/File" + i + ".java";
            write(path, "class File" + i + " {}\n");
            expected.add(path);
            write("pkg" + (i % 7) + "/data" + i + ".txt", new byte[] {'a', 0, 'b'});
        }
        Collections.sort(expected);

        ScanReport report = scan();

        assertEquals(expected, paths(report));
        assertEquals(Map.of(BINARY, 300), report.skipped());
        assertEquals(
                RepositoryScanner.sha256("class File42 {}\n".getBytes(StandardCharsets.UTF_8)),
                report.files().get(expected.indexOf("pkg0/File42.java")).sha256());
    }

    @Test
    void aRootThatIsMissingOrAFileIsRefused() throws IOException {
        write("file.md", "x\n");
        RepositoryScanner scanner = new RepositoryScanner();
        assertThrows(NoSuchFileException.class, () -> scanner.scan(repo.resolve("missing")));
        assertThrows(NotDirectoryException.class, () -> scanner.scan(repo.resolve("file.md")));
    }
}
