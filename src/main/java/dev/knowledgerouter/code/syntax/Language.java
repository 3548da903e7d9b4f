package dev.knowledgerouter.code.syntax;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a file is, by its name: a programming language tree-sitter extracts, a format whose structure is read into
 * the graph (a Dockerfile, compose or Kubernetes YAML, Terraform, SQL, a package manifest, ...), or {@link #TEXT}
 * for other config, docs and build files that become plain file nodes. Anything else is not analysed.
 */
public enum Language {
    JAVA(Nature.CODE),
    PYTHON(Nature.CODE),
    /** Includes JSX: the JavaScript grammar parses it. */
    JAVASCRIPT(Nature.CODE),
    TYPESCRIPT(Nature.CODE),
    /** TypeScript with JSX needs its own grammar; the TypeScript one fails on {@code <div>}. */
    TSX(Nature.CODE),
    GO(Nature.CODE),
    RUST(Nature.CODE),
    C(Nature.CODE),
    /** Also every {@code .h} header: the C++ grammar reads C headers too, the C grammar no C++ class. */
    CPP(Nature.CODE),
    CSHARP(Nature.CODE),
    KOTLIN(Nature.CODE),
    PHP(Nature.CODE),
    RUBY(Nature.CODE),
    DOCKERFILE(Nature.FORMAT),
    /** Compose files and Kubernetes manifests get structure; other YAML stays a file node. */
    YAML(Nature.FORMAT),
    /** {@code package.json} gets structure; other JSON stays a file node. */
    JSON(Nature.FORMAT),
    TERRAFORM(Nature.FORMAT),
    SQL(Nature.FORMAT),
    PROTOBUF(Nature.FORMAT),
    GRAPHQL(Nature.FORMAT),
    MAKEFILE(Nature.FORMAT),
    /** {@code Cargo.toml} and {@code pyproject.toml} get structure; other TOML stays a file node. */
    TOML(Nature.FORMAT),
    /** {@code pom.xml} gets structure; other XML stays a file node. */
    XML(Nature.FORMAT),
    GO_MOD(Nature.FORMAT),
    /** Environment files: their keys, never their values. */
    ENV(Nature.FORMAT),
    MARKDOWN(Nature.FORMAT),
    TEXT(Nature.TEXT);

    /** What analysis makes of a file of the language. */
    private enum Nature {
        /** Source code: declarations, imports, supertypes and calls. */
        CODE,
        /** Config, schema, build and doc formats: typed nodes and edges, never sent to a model as code. */
        FORMAT,
        /** A file node only. */
        TEXT
    }

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
            Map.entry("rs", RUST),
            Map.entry("c", C),
            Map.entry("h", CPP),
            Map.entry("cc", CPP),
            Map.entry("cpp", CPP),
            Map.entry("cxx", CPP),
            Map.entry("c++", CPP),
            Map.entry("hh", CPP),
            Map.entry("hpp", CPP),
            Map.entry("hxx", CPP),
            Map.entry("h++", CPP),
            Map.entry("cs", CSHARP),
            Map.entry("kt", KOTLIN),
            Map.entry("kts", KOTLIN),
            Map.entry("php", PHP),
            Map.entry("rb", RUBY),
            Map.entry("rake", RUBY),
            Map.entry("gemspec", RUBY));

    /** Formats read into typed nodes, by extension. */
    private static final Map<String, Language> FORMAT_EXTENSIONS = Map.ofEntries(
            Map.entry("dockerfile", DOCKERFILE),
            Map.entry("yaml", YAML),
            Map.entry("yml", YAML),
            Map.entry("json", JSON),
            Map.entry("tf", TERRAFORM),
            Map.entry("sql", SQL),
            Map.entry("proto", PROTOBUF),
            Map.entry("graphql", GRAPHQL),
            Map.entry("graphqls", GRAPHQL),
            Map.entry("gql", GRAPHQL),
            Map.entry("mk", MAKEFILE),
            Map.entry("toml", TOML),
            Map.entry("xml", XML),
            Map.entry("csproj", XML),
            Map.entry("md", MARKDOWN),
            Map.entry("markdown", MARKDOWN));

    /** Docs, config, build and schema files: what a question about a repository tends to need beside the code. */
    private static final Set<String> TEXT_EXTENSIONS =
            Set.of("rst", "adoc", "txt", "jsonc", "properties", "ini", "cfg", "conf", "gradle", "cmake", "sh", "bash");

    /** Extensionless names, by what they are. */
    private static final Map<String, Language> BY_NAME = Map.ofEntries(
            Map.entry("dockerfile", DOCKERFILE),
            Map.entry("containerfile", DOCKERFILE),
            Map.entry("makefile", MAKEFILE),
            Map.entry("gnumakefile", MAKEFILE),
            Map.entry("go.mod", GO_MOD),
            Map.entry("rakefile", RUBY),
            Map.entry("gemfile", RUBY),
            Map.entry(".env", ENV),
            Map.entry("go.work", TEXT),
            Map.entry("jenkinsfile", TEXT),
            Map.entry("procfile", TEXT),
            Map.entry("vagrantfile", TEXT),
            Map.entry("license", TEXT),
            Map.entry("licence", TEXT),
            Map.entry("copying", TEXT),
            Map.entry("notice", TEXT),
            Map.entry("authors", TEXT),
            Map.entry("codeowners", TEXT));

    private final Nature nature;

    Language(Nature nature) {
        this.nature = nature;
    }

    /**
     * The language of a file name, or empty when the file is not analysed. A source extension wins over a name rule:
     * {@code dockerfile.ts} is TypeScript, {@code Dockerfile.prod} a Dockerfile. Names that say a file holds
     * credentials ({@code .env}, {@code .env.production}) are judged apart, before the language counts, and never
     * read.
     */
    public static Optional<Language> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot > 0 ? lower.substring(dot + 1) : "";
        Language code = BY_EXTENSION.get(extension);
        if (code != null) {
            return Optional.of(code);
        }
        Language named = BY_NAME.get(lower);
        if (named != null) {
            return Optional.of(named);
        }
        if (lower.startsWith("dockerfile.") || lower.startsWith("containerfile.")) {
            return Optional.of(DOCKERFILE);
        }
        if (lower.startsWith(".env.")) {
            return Optional.of(ENV);
        }
        // A leading dot is a hidden name, not an extension.
        if (dot <= 0) {
            return Optional.empty();
        }
        Language format = FORMAT_EXTENSIONS.get(extension);
        if (format != null) {
            return Optional.of(format);
        }
        return TEXT_EXTENSIONS.contains(extension) ? Optional.of(TEXT) : Optional.empty();
    }

    /** Whether this is a programming language that tree-sitter parses into declarations, imports and calls. */
    public boolean isCode() {
        return nature == Nature.CODE;
    }

    /** Whether this is a format read into typed nodes and edges (never code, never sent to a model as code). */
    public boolean isFormat() {
        return nature == Nature.FORMAT;
    }

    /** JavaScript, TypeScript or TSX: one module system, whose files import each other. */
    public boolean isEcmaScript() {
        return this == JAVASCRIPT || this == TYPESCRIPT || this == TSX;
    }

    /**
     * The family whose files can name each other's declarations and test each other: {@code ecmascript} for
     * JavaScript, TypeScript and TSX, {@code c} for C and C++ (they share headers), the language's own name for
     * every other.
     */
    public String family() {
        if (isEcmaScript()) {
            return "ecmascript";
        }
        return this == C || this == CPP ? "c" : name();
    }
}
