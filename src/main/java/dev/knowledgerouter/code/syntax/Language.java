package dev.knowledgerouter.code.syntax;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a file is, by its name: one of the languages tree-sitter extracts, or {@link #TEXT} for config,
 * docs and build files that become plain file nodes. Anything else is not analysed.
 */
public enum Language {
    JAVA,
    PYTHON,
    /** Includes JSX: the JavaScript grammar parses it. */
    JAVASCRIPT,
    TYPESCRIPT,
    /** TypeScript with JSX needs its own grammar; the TypeScript one fails on {@code <div>}. */
    TSX,
    GO,
    RUST,
    TEXT;

    private static final Map<String, Language> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", JAVA),
            Map.entry("py", PYTHON),
            Map.entry("pyi", PYTHON),
            Map.entry("js", JAVASCRIPT),
            Map.entry("jsx", JAVASCRIPT),
            Map.entry("mjs", JAVASCRIPT),
            Map.entry("cjs", JAVASCRIPT),
            Map.entry("ts", TYPESCRIPT),
            Map.entry("mts", TYPESCRIPT),
            Map.entry("cts", TYPESCRIPT),
            Map.entry("tsx", TSX),
            Map.entry("go", GO),
            Map.entry("rs", RUST));

    /** Docs, config, build and schema files: what a question about a repository tends to need beside the code. */
    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "md",
            "markdown",
            "rst",
            "adoc",
            "txt",
            "yaml",
            "yml",
            "json",
            "jsonc",
            "toml",
            "xml",
            "properties",
            "ini",
            "cfg",
            "conf",
            "gradle",
            "kts",
            "mk",
            "cmake",
            "sh",
            "bash",
            "sql",
            "proto",
            "graphql",
            "gql");

    /**
     * Extensionless names whose content is build or project config; {@code go.mod} names the Go module path imports
     * resolve against.
     */
    private static final Set<String> TEXT_NAMES = Set.of(
            "dockerfile",
            "containerfile",
            "makefile",
            "gnumakefile",
            "jenkinsfile",
            "procfile",
            "vagrantfile",
            "go.mod",
            "go.work",
            "license",
            "licence",
            "copying",
            "notice",
            "authors",
            "codeowners");

    /**
     * The language of a file name, or empty when the file is not analysed. Names that say a file holds
     * credentials are judged apart, by {@link CredentialPaths}, before the language counts.
     */
    public static Optional<Language> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (TEXT_NAMES.contains(lower) || lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile")) {
            return Optional.of(TEXT);
        }
        int dot = lower.lastIndexOf('.');
        // A leading dot is a hidden name, not an extension: ".env" holds secrets, not config worth indexing.
        if (dot <= 0) {
            return Optional.empty();
        }
        String extension = lower.substring(dot + 1);
        Language code = BY_EXTENSION.get(extension);
        if (code != null) {
            return Optional.of(code);
        }
        return TEXT_EXTENSIONS.contains(extension) ? Optional.of(TEXT) : Optional.empty();
    }

    /** Whether tree-sitter parses this language (everything but {@link #TEXT}). */
    public boolean isCode() {
        return this != TEXT;
    }

    /** JavaScript, TypeScript or TSX: one module system, whose files import each other. */
    public boolean isEcmaScript() {
        return this == JAVASCRIPT || this == TYPESCRIPT || this == TSX;
    }

    /**
     * The family whose files can name each other's declarations and test each other: {@code ecmascript} for
     * JavaScript, TypeScript and TSX, the language's own name for every other.
     */
    public String family() {
        return isEcmaScript() ? "ecmascript" : name();
    }
}
