package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Extracts JavaScript (with JSX), TypeScript and TSX files. One class serves the three grammars because
 * the TypeScript grammars extend the JavaScript one: they differ in a handful of node names (a class field
 * is {@code field_definition} with a {@code property} in JavaScript, {@code public_field_definition} with a
 * {@code name} in TypeScript; {@code extends} sits directly in {@code class_heritage} in JavaScript and in
 * an {@code extends_clause} in TypeScript), which are handled side by side.
 *
 * <p>JavaScript has no single declaration form for functions: {@code const f = () => ...} is as much a
 * function as {@code function f()}, so variables bound to function or class expressions count as
 * declarations under the variable's name. The walk here handles declarations; imports and calls are read by
 * {@link EcmaScriptReferences}, visibility by {@link EcmaScriptExports}, heads and docs by
 * {@link EcmaScriptDeclarationText}.
 */
public final class EcmaScriptExtractor implements LanguageExtractor {
    private final Language language;

    public EcmaScriptExtractor(Language language) {
        if (!language.isEcmaScript()) {
            throw new IllegalArgumentException("not an ECMAScript language: " + language);
        }
        this.language = language;
    }

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        new Walk(source, EcmaScriptExports.of(root, source), out).run(root);
        return out.build(path, language, "", source, root);
    }

    /**
     * Where the walk is: the enclosing declaration (for qualified names), the enclosing function (for call
     * attribution) and whether members of the enclosing class are reachable from other files.
     */
    private record Scope(String parent, String caller, boolean membersExported) {
        static final Scope FILE = new Scope("", "", false);

        String qualify(String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
    }

    private record Pending(TSNode node, Scope scope) {}

    /** The state of one extraction; a new one per file keeps the extractor itself stateless. */
    private static final class Walk {
        private static final Set<String> FUNCTION_VALUES =
                Set.of("arrow_function", "function_expression", "generator_function");
        private static final Set<String> NAMED_DECLARATIONS = Set.of(
                "function_declaration",
                "generator_function_declaration",
                "function_signature",
                "class_declaration",
                "abstract_class_declaration",
                "method_definition",
                "method_signature",
                "abstract_method_signature",
                "interface_declaration",
                "type_alias_declaration",
                "enum_declaration");

        private final SourceText source;
        private final EcmaScriptExports exports;
        private final EcmaScriptDeclarationText text;
        private final EcmaScriptReferences references;
        private final ExtractionBuilder out;
        private final List<Pending> scheduled = new ArrayList<>();

        Walk(SourceText source, EcmaScriptExports exports, ExtractionBuilder out) {
            this.source = source;
            this.exports = exports;
            this.text = new EcmaScriptDeclarationText(source);
            this.references = new EcmaScriptReferences(source, out);
            this.out = out;
        }

        /**
         * Walks the tree depth-first with an explicit stack: generated code nests expressions thousands
         * deep ({@code a + b + c ...}), which would overflow the Java stack if each level were a call.
         * Handlers never recurse; they {@link #visit} the children they want walked, in order.
         */
        void run(TSNode root) {
            Deque<Pending> stack = new ArrayDeque<>();
            stack.push(new Pending(root, Scope.FILE));
            while (!stack.isEmpty()) {
                Pending next = stack.pop();
                handle(next.node(), next.scope());
                for (int i = scheduled.size() - 1; i >= 0; i--) {
                    stack.push(scheduled.get(i));
                }
                scheduled.clear();
            }
        }

        /** Schedules a node to be walked after the current one, before its later siblings. */
        private void visit(TSNode node, Scope scope) {
            if (SyntaxNodes.present(node)) {
                scheduled.add(new Pending(node, scope));
            }
        }

        private void handle(TSNode node, Scope scope) {
            if (NAMED_DECLARATIONS.contains(SyntaxNodes.type(node))
                    && nameOf(node).isEmpty()) {
                // Recovered from broken code without its name: nothing to call it by, but its calls still count.
                visitChildren(node, scope);
                return;
            }
            switch (SyntaxNodes.type(node)) {
                case "function_declaration", "generator_function_declaration", "function_signature" ->
                    function(node, nameOf(node), scope);
                case "class_declaration", "abstract_class_declaration" -> classLike(node, nameOf(node), scope);
                case "class" -> {
                    // A named class expression declares its name as much as a class declaration does;
                    // tree-sitter also recovers a declaration after broken code as one.
                    String name = nameOf(node);
                    if (!name.isEmpty()) {
                        classLike(node, name, scope);
                    } else if (SyntaxNodes.parentIs(node, "export_statement")) {
                        classLike(node, "default", scope);
                    } else {
                        visitChildren(node, scope);
                    }
                }
                case "arrow_function", "function_expression", "generator_function" -> {
                    if (SyntaxNodes.parentIs(node, "export_statement")) {
                        function(node, "default", scope);
                    } else {
                        visitChildren(node, scope);
                    }
                }
                case "variable_declarator" -> variable(node, scope);
                case "method_definition", "method_signature", "abstract_method_signature" -> {
                    if (SyntaxNodes.parentIs(node, "class_body")) {
                        method(node, scope);
                    } else {
                        visitChildren(node, scope);
                    }
                }
                case "field_definition", "public_field_definition" -> fieldDefinition(node, scope);
                case "interface_declaration" -> interfaceDeclaration(node, scope);
                case "type_alias_declaration" -> typeAlias(node, scope);
                case "enum_declaration" -> {
                    TSNode body = node.getChildByFieldName("body");
                    Declaration enumeration = declare(
                            DeclarationKind.ENUM,
                            source.of(node.getChildByFieldName("name")),
                            node,
                            text.head(node, body),
                            isExported(node, scope),
                            scope);
                    visit(body, new Scope(enumeration.qualifiedName(), scope.caller(), false));
                }
                case "import_statement" -> references.importStatement(node);
                case "export_statement" -> {
                    references.reexport(node);
                    visitChildren(node, scope);
                }
                case "call_expression" -> {
                    references.call(node, scope.caller());
                    visitChildren(node, scope);
                }
                case "new_expression" -> {
                    references.construction(node, scope.caller());
                    visitChildren(node, scope);
                }
                case "comment" -> {}
                default -> visitChildren(node, scope);
            }
        }

        private void visitChildren(TSNode node, Scope scope) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                visit(node.getNamedChild(i), scope);
            }
        }

        /** Decorators run where the declaration is made, not inside it, so their calls belong to the outer scope. */
        private void visitDeclarationChildren(TSNode node, Scope outer, Scope inner) {
            for (TSNode child : SyntaxNodes.namedChildren(node)) {
                visit(child, SyntaxNodes.type(child).equals("decorator") ? outer : inner);
            }
        }

        private void function(TSNode node, String name, Scope scope) {
            Declaration function = declare(
                    DeclarationKind.FUNCTION,
                    name,
                    node,
                    text.head(node, node.getChildByFieldName("body")),
                    isExported(node, scope),
                    scope);
            visitDeclarationChildren(node, scope, new Scope(function.qualifiedName(), function.qualifiedName(), false));
        }

        private void classLike(TSNode node, String name, Scope scope) {
            boolean exported = isExported(node, scope);
            TSNode body = node.getChildByFieldName("body");
            Declaration type = declare(DeclarationKind.CLASS, name, node, text.head(node, body), exported, scope);
            heritage(node, type.qualifiedName());
            visitDeclarationChildren(node, scope, new Scope(type.qualifiedName(), scope.caller(), exported));
        }

        /** {@code const f = () => ...}, {@code let g = function () {...}}, {@code const K = class {...}}. */
        private void variable(TSNode declarator, Scope scope) {
            TSNode name = declarator.getChildByFieldName("name");
            TSNode value = declarator.getChildByFieldName("value");
            if (name.isNull() || !SyntaxNodes.type(name).equals("identifier") || value.isNull()) {
                visitChildren(declarator, scope);
                return;
            }
            boolean exported = isExported(declarator, scope);
            if (FUNCTION_VALUES.contains(SyntaxNodes.type(value))) {
                Declaration function = declare(
                        DeclarationKind.FUNCTION,
                        source.of(name),
                        declarator,
                        text.head(declarator, value.getChildByFieldName("body")),
                        exported,
                        scope);
                visitChildren(value, new Scope(function.qualifiedName(), function.qualifiedName(), false));
            } else if (SyntaxNodes.type(value).equals("class")) {
                Declaration type = declare(
                        DeclarationKind.CLASS,
                        source.of(name),
                        declarator,
                        text.head(declarator, value.getChildByFieldName("body")),
                        exported,
                        scope);
                heritage(value, type.qualifiedName());
                visitChildren(value, new Scope(type.qualifiedName(), scope.caller(), exported));
            } else {
                visitChildren(declarator, scope);
            }
        }

        private void method(TSNode node, Scope scope) {
            String name = nameOf(node);
            DeclarationKind kind = name.equals("constructor") ? DeclarationKind.CONSTRUCTOR : DeclarationKind.METHOD;
            member(node, kind, name, node.getChildByFieldName("body"), scope);
        }

        /** A class field holding a function ({@code handle = () => {...}}) is a method bound to the instance. */
        private void fieldDefinition(TSNode node, Scope scope) {
            TSNode nameNode = node.getChildByFieldName("name").isNull()
                    ? node.getChildByFieldName("property")
                    : node.getChildByFieldName("name");
            TSNode value = node.getChildByFieldName("value");
            if (nameNode.isNull() || value.isNull() || !FUNCTION_VALUES.contains(SyntaxNodes.type(value))) {
                visitChildren(node, scope);
                return;
            }
            member(node, DeclarationKind.METHOD, source.of(nameNode), value.getChildByFieldName("body"), scope);
        }

        /** A class member, reachable from other files when its class is and it is not private. */
        private void member(TSNode node, DeclarationKind kind, String name, TSNode body, Scope scope) {
            Declaration member = declare(
                    kind,
                    name,
                    node,
                    text.head(node, body),
                    scope.membersExported() && !exports.isPrivateMember(node, name),
                    scope);
            visitDeclarationChildren(node, scope, new Scope(member.qualifiedName(), member.qualifiedName(), false));
        }

        private void interfaceDeclaration(TSNode node, Scope scope) {
            Declaration type = declare(
                    DeclarationKind.INTERFACE,
                    source.of(node.getChildByFieldName("name")),
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
        private void typeAlias(TSNode node, Scope scope) {
            TSNode value = node.getChildByFieldName("value");
            TSNode end = !value.isNull() && SyntaxNodes.type(value).equals("object_type") ? value : null;
            declare(
                    DeclarationKind.TYPE_ALIAS,
                    source.of(node.getChildByFieldName("name")),
                    node,
                    text.head(node, end),
                    isExported(node, scope),
                    scope);
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

        private String nameOf(TSNode node) {
            return source.of(node.getChildByFieldName("name"));
        }
    }
}
