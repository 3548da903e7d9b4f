package dev.knowledgerouter.verify;

import dev.knowledgerouter.code.syntax.Language;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The language of a code block an answer holds, from its fence tag or, untagged, from unmistakable
 * marks in the code. Only languages that can be checked: the tree-sitter grammars the project
 * bundles ({@link Language#isCode()}), JSON and YAML. Anything else (shell, SQL, prose) is not
 * checked.
 */
enum SnippetLanguage {
    JAVA,
    PYTHON,
    JAVASCRIPT,
    TYPESCRIPT,
    TSX,
    GO,
    RUST,
    JSON,
    YAML;

    private static final Map<String, SnippetLanguage> TAGS = Map.ofEntries(
            Map.entry("java", JAVA),
            Map.entry("python", PYTHON),
            Map.entry("py", PYTHON),
            Map.entry("python3", PYTHON),
            Map.entry("javascript", JAVASCRIPT),
            Map.entry("js", JAVASCRIPT),
            Map.entry("jsx", JAVASCRIPT),
            Map.entry("mjs", JAVASCRIPT),
            Map.entry("cjs", JAVASCRIPT),
            Map.entry("node", JAVASCRIPT),
            Map.entry("typescript", TYPESCRIPT),
            Map.entry("ts", TYPESCRIPT),
            Map.entry("tsx", TSX),
            Map.entry("go", GO),
            Map.entry("golang", GO),
            Map.entry("rust", RUST),
            Map.entry("rs", RUST),
            Map.entry("json", JSON),
            Map.entry("yaml", YAML),
            Map.entry("yml", YAML));

    private static final Pattern JAVA_MARK = Pattern.compile(
            "\\b(public|private|protected) (static |final )*(class|interface|record|enum|void|[A-Z]\\w*(<[^>]*>)?) \\w"
                    + "|^import java\\.",
            Pattern.MULTILINE);
    private static final Pattern GO_MARK =
            Pattern.compile("^package \\w+\\s*$|^func (\\(\\w+ \\*?\\w+\\) )?\\w+\\(", Pattern.MULTILINE);
    private static final Pattern RUST_MARK =
            Pattern.compile("^\\s*(pub )?fn \\w+.*\\{\\s*$|\\blet mut \\w+|^use \\w+(::\\w+)+;", Pattern.MULTILINE);
    private static final Pattern PYTHON_MARK =
            Pattern.compile("^\\s*def \\w+\\(.*\\)( -> [^:]+)?:\\s*$|^\\s*from [\\w.]+ import \\w+", Pattern.MULTILINE);
    private static final Pattern JS_MARK = Pattern.compile(
            "^\\s*(const|let) \\w+ = .*;\\s*$|^\\s*function \\w+\\(.*\\)\\s*\\{|\\brequire\\(['\"]", Pattern.MULTILINE);

    static Optional<SnippetLanguage> ofTag(String tag) {
        return Optional.ofNullable(TAGS.get(tag));
    }

    /** The language of an untagged block, when the code says so plainly; empty when in doubt. */
    static Optional<SnippetLanguage> sniff(String code) {
        String s = code.strip();
        if ((s.startsWith("{") && s.endsWith("}")) || (s.startsWith("[") && s.endsWith("]") && s.contains("\""))) {
            return s.contains("\":") || s.startsWith("[") ? Optional.of(JSON) : Optional.empty();
        }
        if (JAVA_MARK.matcher(s).find()) {
            return Optional.of(JAVA);
        }
        if (GO_MARK.matcher(s).find()) {
            return Optional.of(GO);
        }
        if (RUST_MARK.matcher(s).find()) {
            return Optional.of(RUST);
        }
        if (PYTHON_MARK.matcher(s).find()) {
            return Optional.of(PYTHON);
        }
        if (JS_MARK.matcher(s).find()) {
            return Optional.of(JAVASCRIPT);
        }
        return Optional.empty();
    }

    /** The tree-sitter language, for the languages that have one. */
    Optional<Language> grammar() {
        return switch (this) {
            case JAVA -> Optional.of(Language.JAVA);
            case PYTHON -> Optional.of(Language.PYTHON);
            case JAVASCRIPT -> Optional.of(Language.JAVASCRIPT);
            case TYPESCRIPT -> Optional.of(Language.TYPESCRIPT);
            case TSX -> Optional.of(Language.TSX);
            case GO -> Optional.of(Language.GO);
            case RUST -> Optional.of(Language.RUST);
            case JSON, YAML -> Optional.empty();
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
