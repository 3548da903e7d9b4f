package dev.knowledgerouter.code.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.treesitter.TSNode;

/**
 * Collects what the walk over one file finds, in the order found, and makes its {@link FileExtraction}.
 * One per file, so an extractor that creates one per call stays stateless.
 */
public final class ExtractionBuilder {
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<ImportRef> imports = new ArrayList<>();
    private final List<SupertypeRef> supertypes = new ArrayList<>();
    private final List<CallRef> calls = new ArrayList<>();
    private final List<RelationRef> relations = new ArrayList<>();

    public void declaration(Declaration declaration) {
        declarations.add(declaration);
    }

    public void importRef(ImportRef ref) {
        imports.add(ref);
    }

    public void supertype(SupertypeRef ref) {
        supertypes.add(ref);
    }

    public void call(CallRef call) {
        calls.add(call);
    }

    public void relation(RelationRef relation) {
        relations.add(relation);
    }

    /** How many imports were found so far: where the imports of a statement about to be read will start. */
    public int importCount() {
        return imports.size();
    }

    /** Replaces each import found since {@code from} with what {@code rewrite} makes of it. */
    public void rewriteImportsFrom(int from, UnaryOperator<ImportRef> rewrite) {
        for (int i = from; i < imports.size(); i++) {
            imports.set(i, rewrite.apply(imports.get(i)));
        }
    }

    /**
     * @param packageName the namespace the file declares, where its language has one in the file, else empty
     * @param root the tree's root, which says whether tree-sitter had to recover from syntax errors
     */
    public FileExtraction build(String path, Language language, String packageName, SourceText source, TSNode root) {
        return build(path, language, packageName, source, root.hasError());
    }

    /** @param parseErrors whether the parser had to skip or recover from text it could not read */
    public FileExtraction build(
            String path, Language language, String packageName, SourceText source, boolean parseErrors) {
        return new FileExtraction(
                path,
                language,
                packageName,
                source.lineCount(),
                declarations,
                imports,
                supertypes,
                calls,
                relations,
                parseErrors);
    }
}
