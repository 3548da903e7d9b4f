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
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Extracts classes, functions and methods, imports, base classes and call sites from a Python file.
 *
 * <p>Python declares no namespace inside a file (the module name comes from the file's place on the
 * import path, which the resolver works out), so the package name stays empty. Visibility is the
 * leading-underscore convention, the only one the language has. The tree is walked with an explicit stack
 * rather than recursion: generated Python can nest expressions thousands deep, and extraction must not
 * overflow on it.
 */
public final class PythonExtractor implements LanguageExtractor {

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        Walk walk = new Walk(source);
        walk.run(root);
        return new FileExtraction(
                path,
                Language.PYTHON,
                "",
                source.lineCount(),
                walk.declarations,
                walk.imports,
                walk.supertypes,
                walk.calls,
                root.hasError());
    }

    /**
     * Where a node sits: the qualified name of the innermost enclosing declaration, whether that is a
     * class (so a {@code def} in it is a method), and the innermost enclosing function that calls are
     * charged to. A class body inside a function runs when the function does, so it keeps the caller.
     */
    private record Scope(String enclosing, boolean inClass, String caller) {
        static final Scope MODULE = new Scope("", false, "");

        String qualify(String name) {
            return enclosing.isEmpty() ? name : enclosing + "." + name;
        }
    }

    private record Pending(TSNode node, Scope scope) {}

    private static final class Walk {
        private final SourceText source;
        private final List<Declaration> declarations = new ArrayList<>();
        private final List<ImportRef> imports = new ArrayList<>();
        private final List<SupertypeRef> supertypes = new ArrayList<>();
        private final List<CallRef> calls = new ArrayList<>();
        private final Deque<Pending> stack = new ArrayDeque<>();

        Walk(SourceText source) {
            this.source = source;
        }

        void run(TSNode root) {
            stack.push(new Pending(root, Scope.MODULE));
            while (!stack.isEmpty()) {
                Pending next = stack.pop();
                visit(next.node(), next.scope());
            }
        }

        private void visit(TSNode node, Scope scope) {
            switch (node.getType()) {
                case "function_definition" -> function(node, scope);
                case "class_definition" -> type(node, scope);
                case "import_statement" -> plainImport(node);
                case "import_from_statement", "future_import_statement" -> fromImport(node);
                case "call" -> {
                    call(node, scope);
                    pushChildren(node, scope, null);
                }
                default -> pushChildren(node, scope, null);
            }
        }

        /** Pushes the children in reverse so they pop, and so are reported, in source order. */
        private void pushChildren(TSNode node, Scope scope, Scope bodyScope) {
            for (int i = node.getChildCount() - 1; i >= 0; i--) {
                TSNode child = node.getChild(i);
                if (child == null || child.isNull()) {
                    continue;
                }
                boolean body = bodyScope != null && "body".equals(node.getFieldNameForChild(i));
                stack.push(new Pending(child, body ? bodyScope : scope));
            }
        }

        private void function(TSNode node, Scope scope) {
            TSNode nameNode = node.getChildByFieldName("name");
            String name = source.of(nameNode);
            if (name.isEmpty()) {
                pushChildren(node, scope, null);
                return;
            }
            String qualifiedName = scope.qualify(name);
            DeclarationKind kind = scope.inClass() ? DeclarationKind.METHOD : DeclarationKind.FUNCTION;
            declarations.add(declaration(node, kind, name, qualifiedName, scope.enclosing()));
            // Defaults, annotations and decorators run where the def is, not when the function is called.
            pushChildren(node, scope, new Scope(qualifiedName, false, qualifiedName));
        }

        private void type(TSNode node, Scope scope) {
            TSNode nameNode = node.getChildByFieldName("name");
            String name = source.of(nameNode);
            if (name.isEmpty()) {
                pushChildren(node, scope, null);
                return;
            }
            String qualifiedName = scope.qualify(name);
            declarations.add(declaration(node, DeclarationKind.CLASS, name, qualifiedName, scope.enclosing()));
            bases(node.getChildByFieldName("superclasses"), qualifiedName);
            pushChildren(node, scope, new Scope(qualifiedName, true, scope.caller()));
        }

        private Declaration declaration(
                TSNode node, DeclarationKind kind, String name, String qualifiedName, String parent) {
            int start = node.getStartPoint().getRow() + 1;
            int end = Math.max(start, node.getEndPoint().getRow() + 1);
            return new Declaration(
                    kind,
                    name,
                    qualifiedName,
                    parent,
                    signature(node),
                    docstring(node.getChildByFieldName("body")),
                    exported(name),
                    start,
                    end);
        }

        /** The head up to the colon that opens the body, without comments written inside it. */
        private String signature(TSNode node) {
            int end = node.getEndByte();
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
                if ("body".equals(node.getFieldNameForChild(i))) {
                    end = Math.min(end, child.getStartByte());
                    break;
                }
                if (":".equals(child.getType()) && !child.isNamed()) {
                    end = child.getStartByte();
                }
            }
            List<TSNode> comments = new ArrayList<>();
            collectComments(node, end, comments);
            StringBuilder head = new StringBuilder();
            int from = node.getStartByte();
            for (TSNode comment : comments) {
                head.append(source.slice(from, comment.getStartByte())).append(' ');
                from = comment.getEndByte();
            }
            head.append(source.slice(from, end));
            String signature = collapse(head.toString());
            return signature.endsWith(":")
                    ? signature.substring(0, signature.length() - 1).trim()
                    : signature;
        }

        /** Comment nodes that start before {@code end}, in source order, found without recursion. */
        private static void collectComments(TSNode node, int end, List<TSNode> into) {
            Deque<TSNode> pending = new ArrayDeque<>();
            pending.push(node);
            while (!pending.isEmpty()) {
                TSNode current = pending.pop();
                for (int i = current.getChildCount() - 1; i >= 0; i--) {
                    TSNode child = current.getChild(i);
                    if (child == null || child.isNull() || child.getStartByte() >= end) {
                        continue;
                    }
                    if ("comment".equals(child.getType())) {
                        into.add(child);
                    } else if (!"block".equals(child.getType())) {
                        pending.push(child);
                    }
                }
            }
            into.sort(Comparator.comparingInt(TSNode::getStartByte));
        }

        private String docstring(TSNode body) {
            if (body == null || body.isNull()) {
                return "";
            }
            for (int i = 0; i < body.getNamedChildCount(); i++) {
                TSNode statement = body.getNamedChild(i);
                if ("comment".equals(statement.getType())) {
                    continue;
                }
                if (!"expression_statement".equals(statement.getType()) || statement.getNamedChildCount() != 1) {
                    return "";
                }
                TSNode value = statement.getNamedChild(0);
                return switch (value.getType()) {
                    case "string" -> tidyDoc(stringContent(value));
                    case "concatenated_string" -> {
                        StringBuilder joined = new StringBuilder();
                        for (int j = 0; j < value.getNamedChildCount(); j++) {
                            TSNode part = value.getNamedChild(j);
                            if ("string".equals(part.getType())) {
                                joined.append(stringContent(part));
                            }
                        }
                        yield tidyDoc(joined.toString());
                    }
                    default -> "";
                };
            }
            return "";
        }

        /** The text between the opening and closing quotes (prefixes such as {@code r} belong to the opening). */
        private String stringContent(TSNode string) {
            int from = string.getStartByte();
            int to = string.getEndByte();
            for (int i = 0; i < string.getChildCount(); i++) {
                TSNode child = string.getChild(i);
                if ("string_start".equals(child.getType())) {
                    from = child.getEndByte();
                } else if ("string_end".equals(child.getType())) {
                    to = child.getStartByte();
                }
            }
            return source.slice(from, to);
        }

        private static String tidyDoc(String raw) {
            StringBuilder doc = new StringBuilder();
            for (String line : raw.split("\r\n|\r|\n", -1)) {
                if (!doc.isEmpty()) {
                    doc.append('\n');
                }
                doc.append(line.strip());
            }
            return doc.toString().strip();
        }

        private void bases(TSNode superclasses, String declaration) {
            if (superclasses == null || superclasses.isNull()) {
                return;
            }
            for (int i = 0; i < superclasses.getNamedChildCount(); i++) {
                TSNode base = superclasses.getNamedChild(i);
                String name = baseName(base);
                if (!name.isEmpty() && !"object".equals(name)) {
                    supertypes.add(new SupertypeRef(
                            declaration, name, false, base.getStartPoint().getRow() + 1));
                }
            }
        }

        /** A base named by a (dotted) name, its subscripts dropped; keywords, splats and calls are no names. */
        private String baseName(TSNode base) {
            TSNode named = base;
            while (named != null && !named.isNull() && "subscript".equals(named.getType())) {
                named = named.getChildByFieldName("value");
            }
            if (named == null || named.isNull()) {
                return "";
            }
            return switch (named.getType()) {
                case "identifier", "attribute" -> source.of(named).replaceAll("\\s+", "");
                default -> "";
            };
        }

        private void plainImport(TSNode node) {
            int line = node.getStartPoint().getRow() + 1;
            for (int i = 0; i < node.getChildCount(); i++) {
                if (!"name".equals(node.getFieldNameForChild(i))) {
                    continue;
                }
                String module = importedName(node.getChild(i));
                if (!module.isEmpty()) {
                    imports.add(ImportRef.of(module, line));
                }
            }
        }

        private void fromImport(TSNode node) {
            String module;
            if ("future_import_statement".equals(node.getType())) {
                module = "__future__";
            } else {
                module = moduleName(node.getChildByFieldName("module_name"));
            }
            if (module.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>();
            boolean wildcard = false;
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
                if ("wildcard_import".equals(child.getType())) {
                    wildcard = true;
                } else if ("name".equals(node.getFieldNameForChild(i))) {
                    String name = importedName(child);
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            imports.add(new ImportRef(
                    module,
                    names,
                    wildcard,
                    ImportKind.IMPORT,
                    node.getStartPoint().getRow() + 1));
        }

        /** {@code a.b} of {@code a.b} or {@code a.b as c}. */
        private String importedName(TSNode node) {
            if (node == null || node.isNull()) {
                return "";
            }
            TSNode dotted = "aliased_import".equals(node.getType()) ? node.getChildByFieldName("name") : node;
            return dottedName(dotted);
        }

        /** The module of a {@code from} import: dots for a relative one, then the dotted name. */
        private String moduleName(TSNode node) {
            if (node == null || node.isNull()) {
                return "";
            }
            if (!"relative_import".equals(node.getType())) {
                return dottedName(node);
            }
            StringBuilder spec = new StringBuilder();
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode part = node.getNamedChild(i);
                if ("import_prefix".equals(part.getType())) {
                    spec.append(source.of(part).replaceAll("[^.]", ""));
                } else if ("dotted_name".equals(part.getType())) {
                    spec.append(dottedName(part));
                }
            }
            return spec.toString();
        }

        private String dottedName(TSNode node) {
            if (node == null || node.isNull() || !"dotted_name".equals(node.getType())) {
                return "";
            }
            return source.of(node).replaceAll("\\s+", "");
        }

        private void call(TSNode node, Scope scope) {
            TSNode function = node.getChildByFieldName("function");
            if (function == null || function.isNull()) {
                return;
            }
            int line = node.getStartPoint().getRow() + 1;
            switch (function.getType()) {
                case "identifier" -> calls.add(new CallRef(scope.caller(), source.of(function), "", line));
                case "attribute" -> {
                    TSNode attribute = function.getChildByFieldName("attribute");
                    TSNode object = function.getChildByFieldName("object");
                    String callee = source.of(attribute);
                    if (!callee.isEmpty()) {
                        calls.add(new CallRef(scope.caller(), callee, collapse(source.of(object)), line));
                    }
                }
                default -> {
                    // f()(), handlers[key](), (lambda: x)(): nothing names the callee.
                }
            }
        }

        private static String collapse(String text) {
            return text.replaceAll("\\s+", " ").trim();
        }

        /** Dunder names are the language's protocol, meant to be reached from outside. */
        private static boolean exported(String name) {
            boolean dunder = name.length() > 4 && name.startsWith("__") && name.endsWith("__");
            return dunder || !name.startsWith("_");
        }
    }
}
