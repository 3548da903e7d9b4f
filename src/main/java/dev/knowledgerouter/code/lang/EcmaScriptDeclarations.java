package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import org.treesitter.TSNode;

/**
 * Records what an ECMAScript declaration declares (its qualified name, head, doc, visibility and supertypes) and
 * says the scope of what lies inside it. Declarations are few beside the nodes of a file, so they are read with the
 * node's own methods. One per file.
 */
final class EcmaScriptDeclarations {
    /**
     * Where a node is: the enclosing declaration (for qualified names), the enclosing function (for call
     * attribution) and whether members of the enclosing class are reachable from other files.
     */
    record Scope(String parent, String caller, boolean membersExported) {
        static final Scope FILE = new Scope("", "", false);

        String qualify(String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
    }

    private final SourceText source;
    private final EcmaScriptExports exports;
    private final EcmaScriptDeclarationText text;
    private final ExtractionBuilder out;

    EcmaScriptDeclarations(SourceText source, EcmaScriptExports exports, ExtractionBuilder out) {
        this.source = source;
        this.exports = exports;
        this.text = new EcmaScriptDeclarationText(source);
        this.out = out;
    }

    /**
     * Whether a declaration has a name: one recovered from broken code without it has nothing to call it by (but its
     * calls still count).
     */
    boolean named(TSNode node) {
        return !nameOf(node).isEmpty();
    }

    String nameOf(TSNode node) {
        return source.of(node.getChildByFieldName("name"));
    }

    /** A function declaration or signature, or an anonymous default export named {@code default}. */
    Scope function(TSNode node, String name, Scope scope) {
        Declaration function = declare(
                DeclarationKind.FUNCTION,
                name,
                node,
                text.head(node, node.getChildByFieldName("body")),
                isExported(node, scope),
                scope);
        return new Scope(function.qualifiedName(), function.qualifiedName(), false);
    }

    /** A class declaration or a named or default-exported class expression; calls in its body are its caller's. */
    Scope classLike(TSNode node, String name, Scope scope) {
        boolean exported = isExported(node, scope);
        TSNode body = node.getChildByFieldName("body");
        Declaration type = declare(DeclarationKind.CLASS, name, node, text.head(node, body), exported, scope);
        heritage(node, type.qualifiedName());
        return new Scope(type.qualifiedName(), scope.caller(), exported);
    }

    /** {@code const f = () => ...}, {@code let g = function () {...}}: a function named after the variable. */
    Scope functionVariable(TSNode declarator, TSNode name, TSNode value, Scope scope) {
        Declaration function = declare(
                DeclarationKind.FUNCTION,
                source.of(name),
                declarator,
                text.head(declarator, value.getChildByFieldName("body")),
                isExported(declarator, scope),
                scope);
        return new Scope(function.qualifiedName(), function.qualifiedName(), false);
    }

    /** {@code const K = class {...}}: a class named after the variable. */
    Scope classVariable(TSNode declarator, TSNode name, TSNode value, Scope scope) {
        boolean exported = isExported(declarator, scope);
        Declaration type = declare(
                DeclarationKind.CLASS,
                source.of(name),
                declarator,
                text.head(declarator, value.getChildByFieldName("body")),
                exported,
                scope);
        heritage(value, type.qualifiedName());
        return new Scope(type.qualifiedName(), scope.caller(), exported);
    }

    /** A method in a class body: the constructor, or a method. */
    Scope method(TSNode node, Scope scope) {
        String name = nameOf(node);
        DeclarationKind kind = name.equals("constructor") ? DeclarationKind.CONSTRUCTOR : DeclarationKind.METHOD;
        return member(node, kind, name, node.getChildByFieldName("body"), scope);
    }

    /** A class field holding a function ({@code handle = () => {...}}) is a method bound to the instance. */
    Scope fieldMethod(TSNode node, TSNode name, TSNode value, Scope scope) {
        return member(node, DeclarationKind.METHOD, source.of(name), value.getChildByFieldName("body"), scope);
    }

    /** A class member, reachable from other files when its class is and it is not private. */
    private Scope member(TSNode node, DeclarationKind kind, String name, TSNode body, Scope scope) {
        Declaration member = declare(
                kind,
                name,
                node,
                text.head(node, body),
                scope.membersExported() && !exports.isPrivateMember(node, name),
                scope);
        return new Scope(member.qualifiedName(), member.qualifiedName(), false);
    }

    void interfaceDeclaration(TSNode node, Scope scope) {
        Declaration type = declare(
                DeclarationKind.INTERFACE,
                nameOf(node),
                node,
                text.head(node, node.getChildByFieldName("body")),
                isExported(node, scope),
                scope);
        for (TSNode clause : SyntaxNodes.namedChildren(node)) {
            if (SyntaxNodes.type(clause).equals("extends_type_clause")) {
                for (int j = 0; j < clause.getNamedChildCount(); j++) {
                    supertype(type.qualifiedName(), clause.getNamedChild(j), false);
                }
            }
        }
    }

    /** An object type is the alias's body, as an interface's is; anything shorter is the point of the alias. */
    void typeAlias(TSNode node, Scope scope) {
        TSNode value = node.getChildByFieldName("value");
        TSNode end = SyntaxNodes.present(value) && SyntaxNodes.type(value).equals("object_type") ? value : null;
        declare(DeclarationKind.TYPE_ALIAS, nameOf(node), node, text.head(node, end), isExported(node, scope), scope);
    }

    /** An enum; the scope is its body's, whose initializers run where the enum is declared. */
    Scope enumDeclaration(TSNode node, Scope scope) {
        Declaration enumeration = declare(
                DeclarationKind.ENUM,
                nameOf(node),
                node,
                text.head(node, node.getChildByFieldName("body")),
                isExported(node, scope),
                scope);
        return new Scope(enumeration.qualifiedName(), scope.caller(), false);
    }

    private Declaration declare(
            DeclarationKind kind, String name, TSNode range, String signature, boolean exported, Scope scope) {
        Declaration declaration = new Declaration(
                kind,
                name,
                scope.qualify(name),
                scope.parent(),
                signature,
                text.doc(range),
                exported,
                line(range),
                SyntaxNodes.endLine(range));
        out.declaration(declaration);
        return declaration;
    }

    private void heritage(TSNode classNode, String declaration) {
        for (TSNode heritage : SyntaxNodes.namedChildren(classNode)) {
            if (!SyntaxNodes.type(heritage).equals("class_heritage")) {
                continue;
            }
            for (int j = 0; j < heritage.getNamedChildCount(); j++) {
                TSNode clause = heritage.getNamedChild(j);
                switch (SyntaxNodes.type(clause)) {
                    case "extends_clause" -> {
                        for (int k = 0; k < clause.getChildCount(); k++) {
                            if ("value".equals(clause.getFieldNameForChild(k))) {
                                supertype(declaration, clause.getChild(k), false);
                            }
                        }
                    }
                    case "implements_clause" -> {
                        for (int k = 0; k < clause.getNamedChildCount(); k++) {
                            supertype(declaration, clause.getNamedChild(k), true);
                        }
                    }
                    case "comment" -> {}
                    default -> supertype(declaration, clause, false);
                }
            }
        }
    }

    private void supertype(String declaration, TSNode type, boolean implementsInterface) {
        if (SyntaxNodes.type(type).equals("comment")) {
            return;
        }
        String name = CodeText.withoutWhitespace(CodeText.withoutTypeArguments(source.of(type)));
        if (!name.isEmpty()) {
            out.supertype(new SupertypeRef(declaration, name, implementsInterface, line(type)));
        }
    }

    /** Whether a declaration is part of an {@code export} statement or named in an export clause. */
    private boolean isExported(TSNode node, Scope scope) {
        return exports.isExported(node, scope.parent().isEmpty());
    }
}
