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
import java.util.List;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Extracts a Go file: the package clause, top-level functions, methods (named {@code Type.Method} after
 * their receiver, so methods spread over several files of a package still group under their type), type
 * specs, imports, embedding as inheritance and call sites.
 *
 * <p>Go has no nested named declarations (types declared inside functions are skipped as local), so
 * qualified names are at most two levels deep. Stateless and thread-safe.
 */
public final class GoExtractor implements LanguageExtractor {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** {@code //go:generate}, {@code //nolint:x}: tool directives, which Go's own doc rules leave out of docs. */
    private static final Pattern DIRECTIVE = Pattern.compile("^//[a-z0-9]+:[a-z0-9].*");

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        Walk walk = new Walk(source);
        walk.topLevel(root);
        return new FileExtraction(
                path,
                Language.GO,
                walk.packageName,
                source.lineCount(),
                walk.declarations,
                walk.imports,
                walk.supertypes,
                walk.calls,
                root.hasError());
    }

    /** The mutable state of one extraction; one per call, so the extractor stays shareable. */
    private static final class Walk {
        private final SourceText source;
        private String packageName = "";
        private final List<Declaration> declarations = new ArrayList<>();
        private final List<ImportRef> imports = new ArrayList<>();
        private final List<SupertypeRef> supertypes = new ArrayList<>();
        private final List<CallRef> calls = new ArrayList<>();

        Walk(SourceText source) {
            this.source = source;
        }

        /** Top-level children; an ERROR node is searched too, since tree-sitter may wrap intact code in one. */
        void topLevel(TSNode node) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode child = node.getNamedChild(i);
                switch (child.getType()) {
                    case "package_clause" -> packageClause(child);
                    case "import_declaration" -> importDeclaration(child);
                    case "function_declaration" -> function(child);
                    case "method_declaration" -> method(child);
                    case "type_declaration" -> typeDeclaration(child);
                    case "ERROR" -> topLevel(child);
                    default -> collectCalls(child, "");
                }
            }
        }

        private void packageClause(TSNode clause) {
            for (int i = 0; i < clause.getNamedChildCount(); i++) {
                TSNode child = clause.getNamedChild(i);
                if (child.getType().equals("package_identifier") && packageName.isEmpty()) {
                    packageName = source.of(child);
                }
            }
        }

        private void importDeclaration(TSNode declaration) {
            for (int i = 0; i < declaration.getNamedChildCount(); i++) {
                TSNode child = declaration.getNamedChild(i);
                if (child.getType().equals("import_spec")) {
                    importSpec(child);
                } else if (child.getType().equals("import_spec_list")) {
                    importDeclaration(child);
                }
            }
        }

        private void importSpec(TSNode spec) {
            String path = unquote(source.of(spec.getChildByFieldName("path")));
            if (path.isEmpty()) {
                return;
            }
            TSNode alias = spec.getChildByFieldName("name");
            String name = source.of(alias);
            List<String> names = name.isEmpty() ? List.of() : List.of(name);
            imports.add(new ImportRef(path, names, name.equals("."), ImportKind.IMPORT, line(spec)));
        }

        private void function(TSNode node) {
            String name = source.of(node.getChildByFieldName("name"));
            if (name.isEmpty()) {
                collectCalls(node, "");
                return;
            }
            declarations.add(new Declaration(
                    DeclarationKind.FUNCTION,
                    name,
                    name,
                    "",
                    headOf(node),
                    docAbove(node),
                    isExported(name),
                    line(node),
                    endLine(node)));
            collectCalls(node.getChildByFieldName("body"), name);
        }

        private void method(TSNode node) {
            String name = source.of(node.getChildByFieldName("name"));
            String receiver = receiverType(node.getChildByFieldName("receiver"));
            if (name.isEmpty()) {
                collectCalls(node, "");
                return;
            }
            String qualified = receiver.isEmpty() ? name : receiver + "." + name;
            declarations.add(new Declaration(
                    DeclarationKind.METHOD,
                    name,
                    qualified,
                    receiver,
                    headOf(node),
                    docAbove(node),
                    isExported(name),
                    line(node),
                    endLine(node)));
            collectCalls(node.getChildByFieldName("body"), qualified);
        }

        /** The receiver's base type name: {@code *Store} and {@code List[T]} both belong to their named type. */
        private String receiverType(TSNode receivers) {
            if (receivers == null || receivers.isNull()) {
                return "";
            }
            for (int i = 0; i < receivers.getNamedChildCount(); i++) {
                TSNode parameter = receivers.getNamedChild(i);
                if (parameter.getType().equals("parameter_declaration")) {
                    return baseTypeName(parameter.getChildByFieldName("type"));
                }
            }
            return "";
        }

        private String baseTypeName(TSNode type) {
            TSNode current = type;
            while (current != null && !current.isNull()) {
                switch (current.getType()) {
                    case "type_identifier", "identifier", "qualified_type" -> {
                        return source.of(current);
                    }
                    case "generic_type" -> current = current.getChildByFieldName("type");
                    case "pointer_type", "parenthesized_type" ->
                        current = current.getNamedChildCount() == 0 ? null : current.getNamedChild(0);
                    default -> {
                        return "";
                    }
                }
            }
            return "";
        }

        private void typeDeclaration(TSNode declaration) {
            boolean grouped = false;
            for (int i = 0; i < declaration.getChildCount(); i++) {
                if (source.of(declaration.getChild(i)).equals("(")) {
                    grouped = true;
                }
            }
            for (int i = 0; i < declaration.getNamedChildCount(); i++) {
                TSNode spec = declaration.getNamedChild(i);
                if (spec.getType().equals("type_spec") || spec.getType().equals("type_alias")) {
                    typeSpec(spec, grouped, declaration);
                }
            }
        }

        /**
         * A spec inside a {@code type ( ... )} group covers its own lines and may carry its own doc; a lone
         * spec covers its whole {@code type} declaration.
         */
        private void typeSpec(TSNode spec, boolean grouped, TSNode declaration) {
            TSNode extent = grouped ? spec : declaration;
            String name = source.of(spec.getChildByFieldName("name"));
            if (name.isEmpty()) {
                return;
            }
            TSNode type = spec.getChildByFieldName("type");
            String typeKind = type == null || type.isNull() ? "" : type.getType();
            DeclarationKind kind = spec.getType().equals("type_alias")
                    ? DeclarationKind.TYPE_ALIAS
                    : switch (typeKind) {
                        case "struct_type" -> DeclarationKind.STRUCT;
                        case "interface_type" -> DeclarationKind.INTERFACE;
                        default -> DeclarationKind.TYPE_ALIAS;
                    };
            String signature;
            if (kind == DeclarationKind.TYPE_ALIAS) {
                signature = "type " + collapse(source.of(spec));
            } else {
                TSNode typeParameters = spec.getChildByFieldName("type_parameters");
                signature = "type " + name + collapse(source.of(typeParameters)) + " "
                        + (kind == DeclarationKind.STRUCT ? "struct" : "interface");
            }
            String doc = grouped ? docAbove(spec) : "";
            if (doc.isEmpty()) {
                doc = docAbove(declaration);
            }
            declarations.add(new Declaration(
                    kind, name, name, "", signature, doc, isExported(name), line(extent), endLine(extent)));
            if (kind == DeclarationKind.STRUCT) {
                embeddedFields(name, type);
            } else if (kind == DeclarationKind.INTERFACE) {
                embeddedInterfaces(name, type);
            }
            collectCalls(type, "");
        }

        /** A field declaration without a name embeds its type: Go's composition stands in for inheritance. */
        private void embeddedFields(String owner, TSNode struct) {
            for (int i = 0; i < struct.getNamedChildCount(); i++) {
                TSNode list = struct.getNamedChild(i);
                if (!list.getType().equals("field_declaration_list")) {
                    continue;
                }
                for (int j = 0; j < list.getNamedChildCount(); j++) {
                    TSNode field = list.getNamedChild(j);
                    if (!field.getType().equals("field_declaration")) {
                        continue;
                    }
                    TSNode fieldName = field.getChildByFieldName("name");
                    if (fieldName != null && !fieldName.isNull()) {
                        continue;
                    }
                    String embedded = baseTypeName(field.getChildByFieldName("type"));
                    if (!embedded.isEmpty()) {
                        supertypes.add(new SupertypeRef(owner, embedded, false, line(field)));
                    }
                }
            }
        }

        /** Only type elements that are a single type name embed an interface; unions and {@code ~T} are constraints. */
        private void embeddedInterfaces(String owner, TSNode iface) {
            for (int i = 0; i < iface.getNamedChildCount(); i++) {
                TSNode element = iface.getNamedChild(i);
                if (!element.getType().equals("type_elem") || element.getChildCount() != 1) {
                    continue;
                }
                String embedded = baseTypeName(element.getNamedChild(0));
                if (!embedded.isEmpty()) {
                    supertypes.add(new SupertypeRef(owner, embedded, false, line(element)));
                }
            }
        }

        /** Walks with an explicit stack: deeply nested expressions in odd files must not overflow the Java stack. */
        private void collectCalls(TSNode start, String caller) {
            if (start == null || start.isNull()) {
                return;
            }
            Deque<TSNode> pending = new ArrayDeque<>();
            pending.push(start);
            while (!pending.isEmpty()) {
                TSNode node = pending.pop();
                if (node.getType().equals("call_expression")) {
                    call(node, caller);
                }
                for (int i = node.getNamedChildCount() - 1; i >= 0; i--) {
                    pending.push(node.getNamedChild(i));
                }
            }
        }

        /** A call of a call result or of a function literal has no name to link, so it is not recorded. */
        private void call(TSNode call, String caller) {
            TSNode function = calledName(call.getChildByFieldName("function"));
            if (function == null || function.isNull()) {
                return;
            }
            switch (function.getType()) {
                case "identifier", "type_identifier" ->
                    calls.add(new CallRef(caller, source.of(function), "", line(call)));
                case "selector_expression" -> {
                    String callee = source.of(function.getChildByFieldName("field"));
                    if (!callee.isEmpty()) {
                        calls.add(new CallRef(
                                caller, callee, source.of(function.getChildByFieldName("operand")), line(call)));
                    }
                }
                case "qualified_type" ->
                    calls.add(new CallRef(
                            caller,
                            source.of(function.getChildByFieldName("name")),
                            source.of(function.getChildByFieldName("package")),
                            line(call)));
                default -> {}
            }
        }

        /** Looks through {@code (f)(x)} and the explicit instantiation in {@code f[int](x)} to the name called. */
        private static TSNode calledName(TSNode function) {
            TSNode current = function;
            while (current != null && !current.isNull()) {
                switch (current.getType()) {
                    case "parenthesized_expression" ->
                        current = current.getNamedChildCount() == 0 ? null : current.getNamedChild(0);
                    case "index_expression" -> current = current.getChildByFieldName("operand");
                    case "generic_type" -> current = current.getChildByFieldName("type");
                    default -> {
                        return current;
                    }
                }
            }
            return null;
        }

        /** The head of a function or method: everything before its body. */
        private String headOf(TSNode node) {
            TSNode body = node.getChildByFieldName("body");
            int end = body == null || body.isNull() ? node.getEndByte() : body.getStartByte();
            return collapse(source.slice(node.getStartByte(), end));
        }

        /**
         * The {@code //} comment lines ending on the line just above the node, without a blank line between
         * them; a comment that trails code on its own line belongs to that code, not to what follows.
         */
        private String docAbove(TSNode node) {
            List<String> lines = new ArrayList<>();
            int nextRow = row(node);
            TSNode previous = node.getPrevSibling();
            while (previous != null && !previous.isNull() && previous.getType().equals("comment")) {
                String text = source.of(previous);
                if (!text.startsWith("//") || endRow(previous) != nextRow - 1 || trailsCode(previous)) {
                    break;
                }
                lines.add(0, text);
                nextRow = row(previous);
                previous = previous.getPrevSibling();
            }
            StringBuilder doc = new StringBuilder();
            for (String line : lines) {
                if (DIRECTIVE.matcher(line).matches()) {
                    continue;
                }
                if (!doc.isEmpty()) {
                    doc.append('\n');
                }
                doc.append(line.substring(2).trim());
            }
            return doc.toString().trim();
        }

        private boolean trailsCode(TSNode comment) {
            TSNode before = comment.getPrevSibling();
            return before != null && !before.isNull() && endRow(before) == row(comment);
        }

        private static String unquote(String literal) {
            if (literal.length() >= 2) {
                char first = literal.charAt(0);
                if ((first == '"' || first == '`') && literal.charAt(literal.length() - 1) == first) {
                    return literal.substring(1, literal.length() - 1);
                }
            }
            return literal;
        }

        private static String collapse(String text) {
            return WHITESPACE.matcher(text).replaceAll(" ").trim();
        }

        private static boolean isExported(String name) {
            return !name.isEmpty() && Character.isUpperCase(name.codePointAt(0));
        }

        private static int row(TSNode node) {
            return node.getStartPoint().getRow();
        }

        private static int endRow(TSNode node) {
            return node.getEndPoint().getRow();
        }

        private static int line(TSNode node) {
            return row(node) + 1;
        }

        private static int endLine(TSNode node) {
            return Math.max(line(node), endRow(node) + 1);
        }
    }
}
