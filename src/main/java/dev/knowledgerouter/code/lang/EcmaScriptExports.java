package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.lang.EcmaScriptQuery.Kind;
import dev.knowledgerouter.code.lang.EcmaScriptQuery.Part;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Which ECMAScript declarations other files can reach: those inside an {@code export} statement, module-level
 * names exported apart from their declaration, and class members not marked private.
 */
final class EcmaScriptExports {
    private final SourceText source;
    private final Set<String> exportedNames;

    private EcmaScriptExports(SourceText source, Set<String> exportedNames) {
        this.source = source;
        this.exportedNames = exportedNames;
    }

    /**
     * Gathers the module-level names exported apart from their declaration ({@code export { a, b }}, {@code export
     * default a}, TypeScript {@code export = a}, CommonJS {@code module.exports = { a }}) from what the query found,
     * before any declaration is read, because the clause may come after the declaration it exports.
     */
    static EcmaScriptExports of(List<SyntaxSubject<Kind>> moduleExports, EcmaScriptQuery query, SourceText source) {
        Set<String> names = new HashSet<>();
        for (SyntaxSubject<Kind> found : moduleExports) {
            switch (found.kind()) {
                case EXPORTED_NAME -> names.add(source.of(found.node()));
                case EXPORTED_NAMELESS -> names.add("");
                case COMMON_JS ->
                    commonJsExports(query.part(found, Part.LEFT), query.part(found, Part.RIGHT), source, names);
                default -> throw new IllegalArgumentException("not a module-level export: " + found.kind());
            }
        }
        return new EcmaScriptExports(source, names);
    }

    /** {@code module.exports = a}, {@code module.exports = { a, b: c }}, {@code exports.a = a}. */
    private static void commonJsExports(TSNode leftNode, TSNode right, SourceText source, Set<String> names) {
        String left = CodeText.withoutWhitespace(source.of(leftNode));
        boolean whole = left.equals("module.exports");
        boolean member = left.startsWith("exports.") || left.startsWith("module.exports.");
        if (!whole && !member) {
            return;
        }
        if (SyntaxNodes.type(right).equals("identifier")) {
            names.add(source.of(right));
        } else if (whole && SyntaxNodes.type(right).equals("object")) {
            for (TSNode property : SyntaxNodes.namedChildren(right)) {
                TSNode value = property.getChildByFieldName("value");
                if (SyntaxNodes.type(property).equals("shorthand_property_identifier")) {
                    names.add(source.of(property));
                } else if (SyntaxNodes.type(property).equals("pair")
                        && SyntaxNodes.type(value).equals("identifier")) {
                    names.add(source.of(value));
                }
            }
        }
    }

    /**
     * Whether a declaration is part of an {@code export} statement or, at module level, named in an export clause.
     */
    boolean isExported(TSNode node, boolean moduleLevel) {
        for (TSNode wrapper : EcmaScriptDeclarationText.wrappers(node)) {
            if (SyntaxNodes.type(wrapper).equals("export_statement")) {
                return true;
            }
        }
        return moduleLevel && exportedNames.contains(source.of(node.getChildByFieldName("name")));
    }

    /** A {@code #name} or a TypeScript {@code private} member, which nothing outside its class reaches. */
    boolean isPrivateMember(TSNode member, String name) {
        if (name.startsWith("#")) {
            return true;
        }
        for (TSNode child : SyntaxNodes.namedChildren(member)) {
            if (SyntaxNodes.type(child).equals("accessibility_modifier")
                    && source.of(child).equals("private")) {
                return true;
            }
        }
        return false;
    }
}
