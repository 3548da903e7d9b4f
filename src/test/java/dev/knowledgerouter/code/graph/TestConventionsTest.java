package dev.knowledgerouter.code.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.syntax.Language;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Test files are recognised and paired with the files they test by each language's naming conventions. */
class TestConventionsTest {

    private static Language languageOf(String path) {
        return Language.of(path.substring(path.lastIndexOf('/') + 1)).orElseThrow();
    }

    /** The pairs among files whose languages follow from their names, sorted so the order of the map does not matter. */
    private static List<Map.Entry<String, String>> pairs(String... paths) {
        Map<String, Language> files = new LinkedHashMap<>();
        for (String path : paths) {
            files.put(path, languageOf(path));
        }
        return TestConventions.pairs(files).stream()
                .sorted(Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey)
                        .thenComparing(Map.Entry::getValue))
                .toList();
    }

    private static Map.Entry<String, String> pair(String subject, String test) {
        return Map.entry(subject, test);
    }

    // ---- subjectStem ----

    @ParameterizedTest(name = "{0} tests {1}")
    @CsvSource({
        "src/test/java/com/acme/FooTest.java, Foo",
        "src/test/java/com/acme/FooTests.java, Foo",
        "src/test/java/com/acme/FooIT.java, Foo",
        "src/test/java/com/acme/FooTestCase.java, Foo",
        "src/test/java/com/acme/TestFoo.java, Foo",
        "tests/test_foo.py, foo",
        "pkg/foo_test.py, foo",
        "src/foo.test.ts, foo",
        "src/foo.spec.js, foo",
        "src/Button.spec.tsx, Button",
        "src/Button.Test.tsx, Button",
        "src/__tests__/math.js, math",
        "src/__tests__/math.test.js, math",
        "pkg/store/foo_test.go, foo",
        "tests/store_test.rs, store",
        "tests/store_tests.rs, store",
        "tests/store.rs, store",
        "crates/db/tests/store.rs, store",
    })
    void aTestFileNamesTheStemOfItsSubject(String path, String stem) {
        assertEquals(Optional.of(stem), TestConventions.subjectStem(path, languageOf(path)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "src/main/java/com/acme/Testing.java",
                "src/main/java/com/acme/Test.java",
                "src/main/java/com/acme/Tests.java",
                "src/main/java/com/acme/Foo.java",
                "pkg/foo.py",
                "pkg/testing.py",
                "pkg/test.py",
                "src/foo.ts",
                "src/testUtils.ts",
                "pkg/foo.go",
                "pkg/test.go",
                "src/store.rs",
                "src/store_test.rs",
                "src/tests.rs",
                "README.md",
                "docs/test_plan.md",
            })
    void aFileThatIsNotATestHasNoSubject(String path) {
        assertEquals(Optional.empty(), TestConventions.subjectStem(path, languageOf(path)));
    }

    @Test
    void isTestFollowsSubjectStem() {
        assertEquals(true, TestConventions.isTest("src/test/java/FooTest.java", Language.JAVA));
        assertEquals(false, TestConventions.isTest("src/main/java/Testing.java", Language.JAVA));
    }

    // ---- pairs, one per language ----

    @Test
    void aJavaTestIsPairedWithTheClassItNames() {
        assertEquals(
                List.of(
                        pair("src/main/java/com/acme/Foo.java", "src/test/java/com/acme/FooIT.java"),
                        pair("src/main/java/com/acme/Foo.java", "src/test/java/com/acme/FooTest.java"),
                        pair("src/main/java/com/acme/Foo.java", "src/test/java/com/acme/FooTests.java"),
                        pair("src/main/java/com/acme/Foo.java", "src/test/java/com/acme/TestFoo.java")),
                pairs(
                        "src/main/java/com/acme/Foo.java",
                        "src/test/java/com/acme/FooTest.java",
                        "src/test/java/com/acme/FooTests.java",
                        "src/test/java/com/acme/FooIT.java",
                        "src/test/java/com/acme/TestFoo.java"));
    }

    @Test
    void aJavaClassNamedTestingIsASubjectNotATest() {
        assertEquals(
                List.of(pair("src/main/java/com/acme/Testing.java", "src/test/java/com/acme/TestingTest.java")),
                pairs(
                        "src/main/java/com/acme/Testing.java",
                        "src/main/java/com/acme/Ing.java",
                        "src/test/java/com/acme/TestingTest.java"));
    }

    @Test
    void pythonTestsInEitherNamingArePairedWithTheModule() {
        assertEquals(
                List.of(pair("app/foo.py", "app/foo_test.py"), pair("app/foo.py", "tests/test_foo.py")),
                pairs("app/foo.py", "tests/test_foo.py", "app/foo_test.py"));
    }

    @Test
    void aPythonPackageInitIsTheSubjectNamedByItsDirectory() {
        assertEquals(
                List.of(pair("app/store/__init__.py", "tests/test_store.py")),
                pairs("app/store/__init__.py", "tests/test_store.py"));
    }

    @Test
    void aTypeScriptTestIsPairedWithTheModule() {
        assertEquals(List.of(pair("src/foo.ts", "src/foo.test.ts")), pairs("src/foo.ts", "src/foo.test.ts"));
    }

    @Test
    void aTsxSpecIsPairedWithTheComponent() {
        assertEquals(
                List.of(pair("src/Button.tsx", "src/Button.spec.tsx")), pairs("src/Button.tsx", "src/Button.spec.tsx"));
    }

    @Test
    void aFileUnderTestsDirectoryIsPairedWithTheSameNamedModule() {
        assertEquals(
                List.of(pair("src/math.js", "src/__tests__/math.js")), pairs("src/math.js", "src/__tests__/math.js"));
    }

    @Test
    void anIndexFileIsTheSubjectNamedByItsDirectory() {
        assertEquals(
                List.of(pair("src/components/Button/index.tsx", "src/components/Button.test.tsx")),
                pairs("src/components/Button/index.tsx", "src/components/Button.test.tsx"));
    }

    @Test
    void anIndexFileIsAlsoTheSubjectOfATestNamedIndex() {
        assertEquals(List.of(pair("src/index.ts", "src/index.test.ts")), pairs("src/index.ts", "src/index.test.ts"));
    }

    @Test
    void anIndexTestPicksTheIndexFileInItsOwnDirectory() {
        assertEquals(
                List.of(pair("src/b/index.ts", "src/b/index.test.ts")),
                pairs("src/a/index.ts", "src/b/index.ts", "src/index.ts", "src/b/index.test.ts"));
    }

    @Test
    void anIndexFileInADirectoryNamedIndexIsOneCandidate() {
        assertEquals(
                List.of(pair("src/index/index.ts", "test/index.test.ts")),
                pairs("src/index/index.ts", "test/index.test.ts"));
    }

    @Test
    void aGoFileNamedIndexIsPairedWithItsTest() {
        assertEquals(
                List.of(pair("pkg/search/index.go", "pkg/search/index_test.go")),
                pairs("pkg/search/index.go", "pkg/search/index_test.go"));
    }

    @Test
    void aPythonModuleNamedIndexIsNotNamedByItsDirectory() {
        assertEquals(
                List.of(pair("app/index.py", "tests/test_index.py")),
                pairs("app/index.py", "tests/test_index.py", "tests/test_app.py"));
    }

    @Test
    void aTypeScriptTestMayTestAJavaScriptModule() {
        assertEquals(List.of(pair("lib/parse.js", "lib/parse.test.ts")), pairs("lib/parse.js", "lib/parse.test.ts"));
    }

    @Test
    void aGoTestIsPairedWithTheFileItNames() {
        assertEquals(
                List.of(pair("pkg/store/store.go", "pkg/store/store_test.go")),
                pairs("pkg/store/store.go", "pkg/store/store_test.go", "pkg/store/cache.go"));
    }

    @Test
    void aRustIntegrationTestIsPairedWithTheSourceFile() {
        assertEquals(
                List.of(pair("src/store.rs", "tests/store_test.rs")), pairs("src/store.rs", "tests/store_test.rs"));
    }

    @Test
    void aRustModuleDirectoryIsTheSubjectThroughItsModFile() {
        assertEquals(
                List.of(pair("src/store/mod.rs", "tests/store_test.rs")),
                pairs("src/store/mod.rs", "src/store/query.rs", "tests/store_test.rs"));
    }

    // ---- what is not paired ----

    @Test
    void aTestWithoutASubjectIsNotPaired() {
        assertEquals(List.of(), pairs("src/main/java/com/acme/Bar.java", "src/test/java/com/acme/FooTest.java"));
    }

    @Test
    void aSubjectMustBeInTheTestsLanguageFamily() {
        assertEquals(List.of(), pairs("app/foo.py", "app/foo.go", "src/Foo.java", "src/foo.rs", "app/foo.test.ts"));
    }

    @Test
    void textFilesAreNeverSubjects() {
        assertEquals(List.of(), pairs("docs/foo.md", "tests/test_foo.py"));
    }

    @Test
    void aTestIsNeverTheSubjectOfAnotherTest() {
        assertEquals(List.of(), pairs("src/foo.test.ts", "src/__tests__/foo.test.ts"));
    }

    // ---- several files with the subject's name ----

    @Test
    void theSubjectInTheTestsOwnDirectoryWins() {
        assertEquals(List.of(pair("b/util.go", "b/util_test.go")), pairs("a/util.go", "b/util.go", "b/util_test.go"));
    }

    @Test
    void theSubjectWhoseDirectoryMatchesTheTestsBestWins() {
        assertEquals(
                List.of(pair("src/main/java/com/acme/Foo.java", "src/test/java/com/acme/FooTest.java")),
                pairs(
                        "src/main/java/com/acme/Foo.java",
                        "src/main/java/com/other/Foo.java",
                        "src/test/java/com/acme/FooTest.java"));
    }

    @Test
    void theLongestMatchingDirectorySuffixWins() {
        assertEquals(
                List.of(pair(
                        "src/main/java/org/acme/billing/Invoice.java",
                        "src/test/java/org/acme/billing/InvoiceTest.java")),
                pairs(
                        "src/main/java/org/acme/billing/Invoice.java",
                        "src/main/java/org/other/billing/Invoice.java",
                        "src/test/java/org/acme/billing/InvoiceTest.java"));
    }

    @Test
    void theRustSubjectUnderTheMatchingCrateWins() {
        assertEquals(
                List.of(pair("crates/db/src/store.rs", "crates/db/tests/store.rs")),
                pairs("crates/db/src/store.rs", "crates/web/src/store.rs", "crates/db/tests/store.rs"));
    }

    @Test
    void aTieLinksNothing() {
        assertEquals(List.of(), pairs("pkg1/foo.py", "pkg2/foo.py", "tests/test_foo.py"));
    }

    @Test
    void aTieBelowABetterMatchDoesNotPreventTheBestMatch() {
        assertEquals(
                List.of(pair("svc/billing/foo.py", "tests/billing/test_foo.py")),
                pairs("pkg1/foo.py", "pkg2/foo.py", "svc/billing/foo.py", "tests/billing/test_foo.py"));
    }

    @Test
    void aTieForTheBestMatchLinksNothing() {
        assertEquals(List.of(), pairs("a/billing/foo.py", "b/billing/foo.py", "c/foo.py", "tests/billing/test_foo.py"));
    }
}
