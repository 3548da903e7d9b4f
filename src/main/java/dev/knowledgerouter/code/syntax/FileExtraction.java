package dev.knowledgerouter.code.syntax;

import java.util.List;
import java.util.Objects;

/**
 * Everything a parser found in one file, before anything is resolved against the rest of the
 * repository. Extraction looks at one file only, so it can be cached by content hash and redone only
 * for files that changed.
 *
 * @param path path from the repository root, {@code /}-separated
 * @param packageName the declared namespace where the language has one in the file (Java {@code package},
 *     Go {@code package} clause), else empty
 * @param relations typed links a format states (services, stages, tables, manifests), resolved into edges
 * @param parseErrors whether tree-sitter recovered from syntax errors (what it found is still kept)
 */
public record FileExtraction(
        String path,
        Language language,
        String packageName,
        int lineCount,
        List<Declaration> declarations,
        List<ImportRef> imports,
        List<SupertypeRef> supertypes,
        List<CallRef> calls,
        List<RelationRef> relations,
        boolean parseErrors) {
    public FileExtraction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(language, "language");
        packageName = packageName == null ? "" : packageName;
        declarations = List.copyOf(declarations);
        imports = List.copyOf(imports);
        supertypes = List.copyOf(supertypes);
        calls = List.copyOf(calls);
        relations = relations == null ? List.of() : List.copyOf(relations);
    }

    /** A file of code, which states no relations beyond its imports, supertypes and calls. */
    public FileExtraction(
            String path,
            Language language,
            String packageName,
            int lineCount,
            List<Declaration> declarations,
            List<ImportRef> imports,
            List<SupertypeRef> supertypes,
            List<CallRef> calls,
            boolean parseErrors) {
        this(path, language, packageName, lineCount, declarations, imports, supertypes, calls, List.of(), parseErrors);
    }

    /** A file with no code structure: docs, config, or a language without a grammar. */
    public static FileExtraction text(String path, Language language, int lineCount) {
        return new FileExtraction(path, language, "", lineCount, List.of(), List.of(), List.of(), List.of(), false);
    }
}
