package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.HashSet;
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
     * Reads the module-level names exported apart from their declaration ({@code export { a, b }}, {@code export
     * default a}, TypeScript {@code export = a}, CommonJS {@code module.exports = { a }}) before the walk, because
     * the clause may come after the declaration it exports.
     */
    static EcmaScriptExports of(TSNode root, SourceText source) {
        Set<String> names = new HashSet<>();
        for (TSNode statement : SyntaxNodes.namedChildren(root)) {
            if (SyntaxNodes.type(statement).equals("export_statement")
                    && statement.getChildByFieldName("source").isNull()) {
                for (int j = 0; j < statement.getNamedChildCount(); j++) {
                    TSNode child = statement.getNamedChild(j);
                    if (SyntaxNodes.type(child).equals("export_clause")) {
                        for (int k = 0; k < child.getNamedChildCount(); k++) {
                            TSNode specifier = child.getNamedChild(k);
                            if (SyntaxNodes.type(specifier).equals("export_specifier")) {
                                names.add(source.of(specifier.getChildByFieldName("name")));
                            }
                        }
                    } else if (SyntaxNodes.type(child).equals("identifier")) {
                        names.add(source.of(child));
                    }
                }
            } else if (SyntaxNodes.type(statement).equals("expression_statement")
                    && statement.getNamedChildCount() > 0
                    && statement.getNamedChild(0).getType().equals("assignment_expression")) {
                commonJsExports(statement.getNamedChild(0), source, names);
            }
        }
        return new EcmaScriptExports(source, names);
    }

    private static void commonJsExports(TSNode assignment, SourceText source, Set<String> names) {
        String left = CodeText.withoutWhitespace(source.of(assignment.getChildByFieldName("left")));
        TSNode right = assignment.getChildByFieldName("right");
        boolean whole = left.equals("module.exports");
        boolean member = left.startsWith("exports.") || left.startsWith("module.exports.");
        if (!whole && !member || right.isNull()) {
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
