package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
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
 * declarations under the variable's name.
 */
public final class EcmaScriptExtractor implements LanguageExtractor {
    private final Language language;

    public EcmaScriptExtractor(Language language) {
        if (language != Language.JAVASCRIPT && language != Language.TYPESCRIPT && language != Language.TSX) {
            throw new IllegalArgumentException("not an ECMAScript language: " + language);
        }
        this.language = language;
    }

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        Walk walk = new Walk(source, exportedNames(root, source));
        walk.run(root);
        return new FileExtraction(
                path,
                language,
                "",
                source.lineCount(),
                walk.declarations,
                walk.imports,
                walk.supertypes,
                walk.calls,
                root.hasError());
    }

    /**
     * Module-level names exported apart from their declaration ({@code export { a, b }}, {@code export default a},
     * TypeScript {@code export = a}, CommonJS {@code module.exports = { a }}), collected first because the
     * clause may come after the declaration it exports.
     */
    private static Set<String> exportedNames(TSNode root, SourceText source) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            TSNode statement = root.getNamedChild(i);
            if (statement.getType().equals("export_statement")
                    && field(statement, "source").isNull()) {
                for (int j = 0; j < statement.getNamedChildCount(); j++) {
                    TSNode child = statement.getNamedChild(j);
                    if (child.getType().equals("export_clause")) {
                        for (int k = 0; k < child.getNamedChildCount(); k++) {
                            TSNode specifier = child.getNamedChild(k);
                            if (specifier.getType().equals("export_specifier")) {
                                names.add(source.of(field(specifier, "name")));
                            }
                        }
                    } else if (child.getType().equals("identifier")) {
                        names.add(source.of(child));
                    }
                }
            } else if (statement.getType().equals("expression_statement")
                    && statement.getNamedChildCount() > 0
                    && statement.getNamedChild(0).getType().equals("assignment_expression")) {
                commonJsExports(statement.getNamedChild(0), source, names);
            }
        }
        return names;
    }

    private static void commonJsExports(TSNode assignment, SourceText source, Set<String> names) {
        String left = source.of(field(assignment, "left")).replaceAll("\\s+", "");
        TSNode right = field(assignment, "right");
        boolean whole = left.equals("module.exports");
        boolean member = left.startsWith("exports.") || left.startsWith("module.exports.");
        if (!whole && !member || right.isNull()) {
            return;
        }
        if (right.getType().equals("identifier")) {
            names.add(source.of(right));
        } else if (whole && right.getType().equals("object")) {
            for (int i = 0; i < right.getNamedChildCount(); i++) {
                TSNode property = right.getNamedChild(i);
                if (property.getType().equals("shorthand_property_identifier")) {
                    names.add(source.of(property));
                } else if (property.getType().equals("pair")
                        && field(property, "value").getType().equals("identifier")) {
                    names.add(source.of(field(property, "value")));
                }
            }
        }
    }

    private static TSNode field(TSNode node, String name) {
        return node.getChildByFieldName(name);
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
        private static final Set<String> WRAPPERS =
                Set.of("export_statement", "ambient_declaration", "lexical_declaration", "variable_declaration");

        private final SourceText source;
        private final Set<String> exportedNames;
        final List<Declaration> declarations = new ArrayList<>();
        final List<ImportRef> imports = new ArrayList<>();
        final List<SupertypeRef> supertypes = new ArrayList<>();
        final List<CallRef> calls = new ArrayList<>();
        private final List<Pending> scheduled = new ArrayList<>();

        Walk(SourceText source, Set<String> exportedNames) {
            this.source = source;
            this.exportedNames = exportedNames;
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
            if (node != null && !node.isNull()) {
                scheduled.add(new Pending(node, scope));
            }
        }

        private void handle(TSNode node, Scope scope) {
            if (NAMED_DECLARATIONS.contains(node.getType())
                    && source.of(field(node, "name")).isEmpty()) {
                // Recovered from broken code without its name: nothing to call it by, but its calls still count.
                visitChildren(node, scope);
                return;
            }
            switch (node.getType()) {
                case "function_declaration", "generator_function_declaration", "function_signature" ->
                    function(node, source.of(field(node, "name")), scope);
                case "class_declaration", "abstract_class_declaration" ->
                    classLike(node, source.of(field(node, "name")), scope);
                case "class" -> {
                    // A named class expression declares its name as much as a class declaration does;
                    // tree-sitter also recovers a declaration after broken code as one.
                    String name = source.of(field(node, "name"));
                    if (!name.isEmpty()) {
                        classLike(node, name, scope);
                    } else if (isDefaultExport(node)) {
                        classLike(node, "default", scope);
                    } else {
                        visitChildren(node, scope);
                    }
                }
                case "arrow_function", "function_expression", "generator_function" -> {
                    if (isDefaultExport(node)) {
                        function(node, "default", scope);
                    } else {
                        visitChildren(node, scope);
                    }
                }
                case "variable_declarator" -> variable(node, scope);
                case "method_definition", "method_signature", "abstract_method_signature" -> {
                    if (inClassBody(node)) {
                        method(node, scope);
                    } else {
                        visitChildren(node, scope);
                    }
                }
                case "field_definition", "public_field_definition" -> fieldDefinition(node, scope);
                case "interface_declaration" -> interfaceDeclaration(node, scope);
                case "type_alias_declaration" -> typeAlias(node, scope);
                case "enum_declaration" -> {
                    TSNode body = field(node, "body");
                    Declaration enumeration = declare(
                            DeclarationKind.ENUM,
                            source.of(field(node, "name")),
                            node,
                            headUntil(node, body),
                            isExported(node, scope),
                            scope);
                    visit(body, new Scope(enumeration.qualifiedName(), scope.caller(), false));
                }
                case "import_statement" -> importStatement(node);
                case "export_statement" -> {
                    reexport(node);
                    visitChildren(node, scope);
                }
                case "call_expression" -> {
                    call(node, scope);
                    visitChildren(node, scope);
                }
                case "new_expression" -> {
                    construction(node, scope);
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
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode child = node.getNamedChild(i);
                visit(child, child.getType().equals("decorator") ? outer : inner);
            }
        }

        private void function(TSNode node, String name, Scope scope) {
            Declaration function = declare(
                    DeclarationKind.FUNCTION,
                    name,
                    node,
                    headUntil(node, field(node, "body")),
                    isExported(node, scope),
                    scope);
            visitDeclarationChildren(node, scope, new Scope(function.qualifiedName(), function.qualifiedName(), false));
        }

        private void classLike(TSNode node, String name, Scope scope) {
            boolean exported = isExported(node, scope);
            TSNode body = field(node, "body");
            Declaration type = declare(DeclarationKind.CLASS, name, node, headUntil(node, body), exported, scope);
            heritage(node, type.qualifiedName());
            visitDeclarationChildren(node, scope, new Scope(type.qualifiedName(), scope.caller(), exported));
        }

        /** {@code const f = () => ...}, {@code let g = function () {...}}, {@code const K = class {...}}. */
        private void variable(TSNode declarator, Scope scope) {
            TSNode name = field(declarator, "name");
            TSNode value = field(declarator, "value");
            if (name.isNull() || !name.getType().equals("identifier") || value.isNull()) {
                visitChildren(declarator, scope);
                return;
            }
            boolean exported = isExported(declarator, scope);
            if (FUNCTION_VALUES.contains(value.getType())) {
                Declaration function = declare(
                        DeclarationKind.FUNCTION,
                        source.of(name),
                        declarator,
                        headUntil(declarator, field(value, "body")),
                        exported,
                        scope);
                visitChildren(value, new Scope(function.qualifiedName(), function.qualifiedName(), false));
            } else if (value.getType().equals("class")) {
                Declaration type = declare(
                        DeclarationKind.CLASS,
                        source.of(name),
                        declarator,
                        headUntil(declarator, field(value, "body")),
                        exported,
                        scope);
                heritage(value, type.qualifiedName());
                visitChildren(value, new Scope(type.qualifiedName(), scope.caller(), exported));
            } else {
                visitChildren(declarator, scope);
            }
        }

        private void method(TSNode node, Scope scope) {
            String name = source.of(field(node, "name"));
            DeclarationKind kind = name.equals("constructor") ? DeclarationKind.CONSTRUCTOR : DeclarationKind.METHOD;
            Declaration method = declare(
                    kind,
                    name,
                    node,
                    headUntil(node, field(node, "body")),
                    scope.membersExported() && !isPrivate(node, name),
                    scope);
            visitDeclarationChildren(node, scope, new Scope(method.qualifiedName(), method.qualifiedName(), false));
        }

        /** A class field holding a function ({@code handle = () => {...}}) is a method bound to the instance. */
        private void fieldDefinition(TSNode node, Scope scope) {
            TSNode nameNode = field(node, "name").isNull() ? field(node, "property") : field(node, "name");
            TSNode value = field(node, "value");
            if (nameNode.isNull() || value.isNull() || !FUNCTION_VALUES.contains(value.getType())) {
                visitChildren(node, scope);
                return;
            }
            String name = source.of(nameNode);
            Declaration method = declare(
                    DeclarationKind.METHOD,
                    name,
                    node,
                    headUntil(node, field(value, "body")),
                    scope.membersExported() && !isPrivate(node, name),
                    scope);
            visitDeclarationChildren(node, scope, new Scope(method.qualifiedName(), method.qualifiedName(), false));
        }

        private void interfaceDeclaration(TSNode node, Scope scope) {
            Declaration type = declare(
                    DeclarationKind.INTERFACE,
                    source.of(field(node, "name")),
                    node,
                    headUntil(node, field(node, "body")),
                    isExported(node, scope),
                    scope);
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode clause = node.getNamedChild(i);
                if (clause.getType().equals("extends_type_clause")) {
                    for (int j = 0; j < clause.getNamedChildCount(); j++) {
                        supertype(type.qualifiedName(), clause.getNamedChild(j), false);
                    }
                }
            }
        }

        /** An object type is the alias's body, as an interface's is; anything shorter is the point of the alias. */
        private void typeAlias(TSNode node, Scope scope) {
            TSNode value = field(node, "value");
            TSNode end = !value.isNull() && value.getType().equals("object_type") ? value : null;
            declare(
                    DeclarationKind.TYPE_ALIAS,
                    source.of(field(node, "name")),
                    node,
                    headUntil(node, end),
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
                    doc(range),
                    exported,
                    line(range),
                    range.getEndPoint().getRow() + 1);
            declarations.add(declaration);
            return declaration;
        }

        private void heritage(TSNode classNode, String declaration) {
            for (int i = 0; i < classNode.getNamedChildCount(); i++) {
                TSNode heritage = classNode.getNamedChild(i);
                if (!heritage.getType().equals("class_heritage")) {
                    continue;
                }
                for (int j = 0; j < heritage.getNamedChildCount(); j++) {
                    TSNode clause = heritage.getNamedChild(j);
                    switch (clause.getType()) {
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
            if (type.getType().equals("comment")) {
                return;
            }
            String name = withoutTypeArguments(source.of(type)).replaceAll("\\s+", "");
            if (!name.isEmpty()) {
                supertypes.add(new SupertypeRef(declaration, name, implementsInterface, line(type)));
            }
        }

        private void importStatement(TSNode node) {
            TSNode sourceNode = field(node, "source");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode child = node.getNamedChild(i);
                if (child.getType().equals("import_require_clause")) {
                    sourceNode = field(child, "source");
                } else if (child.getType().equals("import_clause")) {
                    for (int j = 0; j < child.getNamedChildCount(); j++) {
                        TSNode part = child.getNamedChild(j);
                        if (part.getType().equals("identifier")) {
                            names.add(source.of(part));
                        } else if (part.getType().equals("named_imports")) {
                            specifierNames(part, "import_specifier", names);
                        }
                    }
                }
            }
            addImport(sourceNode, names, false, node);
        }

        /** {@code export {a} from 'm'}, {@code export * from 'm'}, {@code export * as ns from 'm'}. */
        private void reexport(TSNode node) {
            TSNode sourceNode = field(node, "source");
            if (sourceNode.isNull()) {
                return;
            }
            List<String> names = new ArrayList<>();
            boolean wildcard = false;
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
                if (child.getType().equals("*")) {
                    wildcard = true;
                } else if (child.getType().equals("export_clause")) {
                    specifierNames(child, "export_specifier", names);
                }
            }
            addImport(sourceNode, names, wildcard, node);
        }

        private void specifierNames(TSNode list, String specifierType, List<String> names) {
            for (int i = 0; i < list.getNamedChildCount(); i++) {
                TSNode specifier = list.getNamedChild(i);
                if (specifier.getType().equals(specifierType)) {
                    names.add(source.of(field(specifier, "name")));
                }
            }
        }

        private void addImport(TSNode stringNode, List<String> names, boolean wildcard, TSNode statement) {
            String spec = stringContent(stringNode);
            if (!spec.isEmpty()) {
                imports.add(new ImportRef(spec, names, wildcard, ImportKind.IMPORT, line(statement)));
            }
        }

        private String stringContent(TSNode node) {
            if (node == null
                    || node.isNull()
                    || !node.getType().equals("string")
                    || node.getEndByte() - node.getStartByte() < 2) {
                return "";
            }
            return source.slice(node.getStartByte() + 1, node.getEndByte() - 1);
        }

        private void call(TSNode node, Scope scope) {
            TSNode function = field(node, "function");
            if (function.isNull()) {
                return;
            }
            switch (function.getType()) {
                case "import" -> addImport(onlyArgument(node), List.of(), false, node);
                case "identifier" -> {
                    String name = source.of(function);
                    if (name.equals("require")) {
                        addImport(onlyArgument(node), List.of(), false, node);
                    }
                    calls.add(new CallRef(scope.caller(), name, "", line(node)));
                }
                case "super" -> calls.add(new CallRef(scope.caller(), "super", "", line(node)));
                case "member_expression" -> memberCall(function, scope);
                default -> {}
            }
        }

        private void construction(TSNode node, Scope scope) {
            TSNode constructor = field(node, "constructor");
            if (constructor.isNull()) {
                return;
            }
            if (constructor.getType().equals("identifier")) {
                calls.add(new CallRef(scope.caller(), source.of(constructor), "", line(node)));
            } else if (constructor.getType().equals("member_expression")) {
                memberCall(constructor, scope);
            }
        }

        /** The line is the property's: in a chain spread over lines, the call node starts at the chain's head. */
        private void memberCall(TSNode member, Scope scope) {
            TSNode property = field(member, "property");
            TSNode object = field(member, "object");
            if (property.isNull() || object.isNull()) {
                return;
            }
            calls.add(new CallRef(scope.caller(), source.of(property), collapse(source.of(object)), line(property)));
        }

        /** The string argument of {@code require('m')} or {@code import('m')}; computed specifiers are not imports we can follow. */
        private static TSNode onlyArgument(TSNode call) {
            TSNode arguments = field(call, "arguments");
            if (arguments.isNull() || arguments.getNamedChildCount() != 1) {
                return null;
            }
            return arguments.getNamedChild(0);
        }

        /** Whether a declaration is part of an {@code export} statement or named in an export clause. */
        private boolean isExported(TSNode node, Scope scope) {
            for (TSNode up = node.getParent();
                    up != null && !up.isNull() && WRAPPERS.contains(up.getType());
                    up = up.getParent()) {
                if (up.getType().equals("export_statement")) {
                    return true;
                }
            }
            return scope.parent().isEmpty() && exportedNames.contains(nameOf(node));
        }

        private String nameOf(TSNode node) {
            return source.of(field(node, "name"));
        }

        private static boolean isDefaultExport(TSNode node) {
            TSNode parent = node.getParent();
            return parent != null && !parent.isNull() && parent.getType().equals("export_statement");
        }

        private static boolean inClassBody(TSNode node) {
            TSNode parent = node.getParent();
            return parent != null && !parent.isNull() && parent.getType().equals("class_body");
        }

        private boolean isPrivate(TSNode member, String name) {
            if (name.startsWith("#")) {
                return true;
            }
            for (int i = 0; i < member.getNamedChildCount(); i++) {
                TSNode child = member.getNamedChild(i);
                if (child.getType().equals("accessibility_modifier")
                        && source.of(child).equals("private")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The declaration's head: the keywords of the statements wrapping it ({@code export default},
         * {@code declare}, {@code const}), then its own text from after its decorators up to {@code end}
         * (its body), or all of it when there is no body.
         */
        private String headUntil(TSNode node, TSNode end) {
            List<String> parts = new ArrayList<>();
            List<TSNode> wrappers = new ArrayList<>();
            for (TSNode up = node.getParent();
                    up != null && !up.isNull() && WRAPPERS.contains(up.getType());
                    up = up.getParent()) {
                wrappers.addFirst(up);
            }
            wrappers.add(node);
            for (int w = 0; w < wrappers.size() - 1; w++) {
                TSNode wrapper = wrappers.get(w);
                TSNode inner = wrappers.get(w + 1);
                for (int i = 0; i < wrapper.getChildCount(); i++) {
                    TSNode child = wrapper.getChild(i);
                    if (child.getStartByte() >= inner.getStartByte()) {
                        break;
                    }
                    // Keywords only: a wrapper's named children are decorators, comments or sibling declarators.
                    if (!child.isNamed() && !child.getType().equals(",")) {
                        parts.add(source.of(child));
                    }
                }
            }
            int from = node.getStartByte();
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
                if (!child.getType().equals("decorator") && !child.getType().equals("comment")) {
                    from = child.getStartByte();
                    break;
                }
            }
            int to = end == null || end.isNull() ? node.getEndByte() : end.getStartByte();
            parts.add(source.slice(from, to));
            String head = collapse(String.join(" ", parts));
            while (head.endsWith(";") || head.endsWith("{")) {
                head = head.substring(0, head.length() - 1).trim();
            }
            return head;
        }

        /** The JSDoc comment right before the declaration or the statement wrapping it. */
        private String doc(TSNode node) {
            TSNode anchor = node;
            while (anchor.getParent() != null
                    && !anchor.getParent().isNull()
                    && WRAPPERS.contains(anchor.getParent().getType())) {
                anchor = anchor.getParent();
            }
            TSNode previous = anchor.getPrevSibling();
            // TypeScript puts a member's decorators beside it in the class body, not inside it.
            while (previous != null && !previous.isNull() && previous.getType().equals("decorator")) {
                anchor = previous;
                previous = previous.getPrevSibling();
            }
            if (previous == null
                    || previous.isNull()
                    || !previous.getType().equals("comment")
                    || previous.getEndPoint().getRow() + 1
                            < anchor.getStartPoint().getRow()) {
                return "";
            }
            String text = source.of(previous);
            if (!text.startsWith("/**") || !text.endsWith("*/") || text.length() < 5) {
                return "";
            }
            List<String> lines = new ArrayList<>();
            for (String line : text.substring(3, text.length() - 2).split("\\R", -1)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("*")) {
                    trimmed = trimmed.substring(1).trim();
                }
                lines.add(trimmed);
            }
            return String.join("\n", lines).trim();
        }

        private static String withoutTypeArguments(String text) {
            StringBuilder out = new StringBuilder();
            int depth = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>' && depth > 0) {
                    depth--;
                } else if (depth == 0) {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private static String collapse(String text) {
            return text.replaceAll("\\s+", " ").trim();
        }

        private static int line(TSNode node) {
            return node.getStartPoint().getRow() + 1;
        }
    }
}
