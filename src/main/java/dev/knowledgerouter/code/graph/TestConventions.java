package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pairs test files with the files they test by each language's naming conventions, the way a reader
 * of the repository would: {@code FooTest.java} tests {@code Foo.java}, {@code test_foo.py} and
 * {@code foo_test.py} test {@code foo.py}, {@code foo.test.ts}, {@code foo.spec.tsx} and
 * {@code __tests__/foo.js} test {@code foo.ts}, {@code foo_test.go} tests {@code foo.go}, and
 * {@code tests/foo.rs} tests {@code src/foo.rs}; Kotlin, C# and PHP follow Java ({@code FooTest.kt},
 * {@code FooTests.cs}, {@code FooTest.php}), C and C++ {@code foo_test.c}, {@code foo_unittest.cc} and
 * {@code test_foo.cpp}, Ruby {@code foo_spec.rb}, {@code foo_test.rb} and {@code test_foo.rb}. When several files share the name, the one whose
 * directory matches the test's best (after dropping {@code test}/{@code tests}/{@code src}/{@code main}
 * segments) wins; a tie links nothing rather than a guess.
 */
final class TestConventions {
    private static final Set<String> NEUTRAL_DIRS = Set.of(
            "src",
            "main",
            "test",
            "tests",
            "__tests__",
            "spec",
            "specs",
            "lib",
            "java",
            "kotlin",
            "python",
            "js",
            "ts",
            "app");

    private TestConventions() {}

    /** The stem of the file under test, when {@code path} is a test file by its language's conventions. */
    static Optional<String> subjectStem(String path, Language language) {
        String name = RepositoryPath.fileName(path);
        String stem = stripExtension(name);
        return switch (language) {
            case JAVA, KOTLIN, CSHARP, PHP -> {
                for (String suffix : List.of("Tests", "Test", "IT", "TestCase")) {
                    if (stem.endsWith(suffix) && stem.length() > suffix.length()) {
                        yield Optional.of(stem.substring(0, stem.length() - suffix.length()));
                    }
                }
                yield stem.startsWith("Test") && stem.length() > 4 && Character.isUpperCase(stem.charAt(4))
                        ? Optional.of(stem.substring(4))
                        : Optional.empty();
            }
            case PYTHON ->
                stem.startsWith("test_")
                        ? Optional.of(stem.substring(5))
                        : stem.endsWith("_test") ? Optional.of(stem.substring(0, stem.length() - 5)) : Optional.empty();
            case JAVASCRIPT, TYPESCRIPT, TSX -> {
                String lower = name.toLowerCase(Locale.ROOT);
                int marker = Math.max(lower.lastIndexOf(".test."), lower.lastIndexOf(".spec."));
                if (marker > 0) {
                    yield Optional.of(name.substring(0, marker));
                }
                yield path.contains("__tests__/") ? Optional.of(stem) : Optional.empty();
            }
            case GO -> stem.endsWith("_test") ? Optional.of(stem.substring(0, stem.length() - 5)) : Optional.empty();
            case RUST -> {
                if (path.startsWith("tests/") || path.contains("/tests/")) {
                    String s = stem.endsWith("_test")
                            ? stem.substring(0, stem.length() - 5)
                            : stem.endsWith("_tests") ? stem.substring(0, stem.length() - 6) : stem;
                    yield Optional.of(s);
                }
                yield Optional.empty();
            }
            case C, CPP -> suffixOrPrefix(stem, List.of("_unittest", "_tests", "_test"), "test_");
            case RUBY -> suffixOrPrefix(stem, List.of("_spec", "_test"), "test_");
            case DOCKERFILE,
                    YAML,
                    JSON,
                    TERRAFORM,
                    SQL,
                    PROTOBUF,
                    GRAPHQL,
                    MAKEFILE,
                    TOML,
                    XML,
                    GO_MOD,
                    ENV,
                    MARKDOWN,
                    TEXT -> Optional.empty();
        };
    }

    /** A C or C++ header is what a test includes, not what it tests: the source file with its name is. */
    private static boolean isHeader(String path, Language language) {
        if (language != Language.C && language != Language.CPP) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".h") || lower.endsWith(".hh") || lower.endsWith(".hpp") || lower.endsWith(".hxx");
    }

    private static Optional<String> suffixOrPrefix(String stem, List<String> suffixes, String prefix) {
        for (String suffix : suffixes) {
            if (stem.endsWith(suffix) && stem.length() > suffix.length()) {
                return Optional.of(stem.substring(0, stem.length() - suffix.length()));
            }
        }
        return stem.startsWith(prefix) && stem.length() > prefix.length()
                ? Optional.of(stem.substring(prefix.length()))
                : Optional.empty();
    }

    static boolean isTest(String path, Language language) {
        return subjectStem(path, language).isPresent();
    }

    /**
     * The {@code (subject, test)} pairs among the files, each subject a non-test file of the same
     * language family.
     */
    static List<Map.Entry<String, String>> pairs(Map<String, Language> files) {
        Map<String, List<String>> byStem = new HashMap<>();
        files.forEach((path, language) -> {
            if (language.isCode() && !isTest(path, language) && !isHeader(path, language)) {
                for (String stem : stemsOf(path, language)) {
                    byStem.computeIfAbsent(language.family() + ":" + stem, k -> new ArrayList<>())
                            .add(path);
                }
            }
        });
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        files.forEach((test, language) -> subjectStem(test, language).ifPresent(stem -> {
            List<String> candidates = byStem.getOrDefault(language.family() + ":" + stem, List.of());
            best(test, candidates).ifPresent(subject -> pairs.add(Map.entry(subject, test)));
        }));
        return pairs;
    }

    /**
     * The stems a file is tested under. Rust's {@code src/store/mod.rs} and Python's {@code store/__init__.py}
     * are module {@code store}; a JavaScript or TypeScript {@code Button/index.tsx} is both {@code Button}
     * and {@code index}; everywhere else the file name is the stem.
     */
    private static List<String> stemsOf(String path, Language language) {
        String name = RepositoryPath.fileName(path);
        String stem = stripExtension(name);
        String dir = RepositoryPath.directory(path);
        if (dir.isEmpty()) {
            return List.of(stem);
        }
        String dirName = RepositoryPath.fileName(dir);
        if ((language == Language.RUST && stem.equals("mod"))
                || (language == Language.PYTHON && stem.equals("__init__"))) {
            return List.of(dirName);
        }
        if (language.isEcmaScript() && stem.equals("index") && !dirName.equals(stem)) {
            return List.of(dirName, stem);
        }
        return List.of(stem);
    }

    private static Optional<String> best(String test, List<String> candidates) {
        if (candidates.size() == 1) {
            return Optional.of(candidates.getFirst());
        }
        List<String> testDirs = meaningfulDirs(test);
        int bestScore = -1;
        String best = null;
        boolean tie = false;
        for (String candidate : candidates) {
            int score = commonSuffix(testDirs, meaningfulDirs(candidate));
            if (RepositoryPath.directory(candidate).equals(RepositoryPath.directory(test))) {
                score += 100;
            }
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
                tie = false;
            } else if (score == bestScore) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    private static int commonSuffix(List<String> a, List<String> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(a.size() - 1 - n).equals(b.get(b.size() - 1 - n))) {
            n++;
        }
        return n;
    }

    private static List<String> meaningfulDirs(String path) {
        String dir = RepositoryPath.directory(path);
        List<String> dirs = new ArrayList<>();
        if (!dir.isEmpty()) {
            for (String segment : dir.split("/")) {
                if (!NEUTRAL_DIRS.contains(segment)) {
                    dirs.add(segment);
                }
            }
        }
        return dirs;
    }

    private static String stripExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".d.ts")) {
            return name.substring(0, name.length() - 5);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
