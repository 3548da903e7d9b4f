package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.endLine;
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
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Extracts classes, functions and methods, docstrings and base classes from a Python file; imports and call
 * sites are read by {@link PythonReferences} on the same walk.
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
        ExtractionBuilder out = new ExtractionBuilder();
        new Walk(source, out).run(root);
        return out.build(path, Language.PYTHON, "", source, root);
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
        private final ExtractionBuilder out;
        private final PythonReferences references;
        private final Deque<Pending> stack = new ArrayDeque<>();

        Walk(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new PythonReferences(source, out);
        }

        void run(TSNode root) {
            stack.push(new Pending(root, Scope.MODULE));
            while (!stack.isEmpty()) {
                Pending next = stack.pop();
                visit(next.node(), next.scope());
            }
        }

        private void visit(TSNode node, Scope scope) {
            switch (SyntaxNodes.type(node)) {
                case "function_definition", "class_definition" -> definition(node, scope);
                case "import_statement" -> references.plainImport(node);
                case "import_from_statement", "future_import_statement" -> references.fromImport(node);
                case "call" -> {
                    references.call(node, scope.caller());
                    pushChildren(node, scope, null);
                }
                default -> pushChildren(node, scope, null);
            }
        }

        /** Pushes the children in reverse so they pop, and so are reported, in source order. */
        private void pushChildren(TSNode node, Scope scope, Scope bodyScope) {
            for (int i = node.getChildCount() - 1; i >= 0; i--) {
                TSNode child = node.getChild(i);
                if (!SyntaxNodes.present(child)) {
                    continue;
                }
                boolean body = bodyScope != null && "body".equals(node.getFieldNameForChild(i));
                stack.push(new Pending(child, body ? bodyScope : scope));
            }
        }

        /**
         * A {@code def} or a {@code class}. Defaults, annotations, decorators and bases run where the definition
         * is, not when the function is called, so only the body gets the new scope.
         */
        private void definition(TSNode node, Scope scope) {
            String name = source.of(node.getChildByFieldName("name"));
            if (name.isEmpty()) {
                pushChildren(node, scope, null);
                return;
            }
            String qualifiedName = scope.qualify(name);
            boolean type = SyntaxNodes.type(node).equals("class_definition");
            DeclarationKind kind =
                    type ? DeclarationKind.CLASS : scope.inClass() ? DeclarationKind.METHOD : DeclarationKind.FUNCTION;
            out.declaration(declaration(node, kind, name, qualifiedName, scope.enclosing()));
            if (type) {
                bases(node.getChildByFieldName("superclasses"), qualifiedName);
                // A class body runs when its definition does, so it keeps the caller.
                pushChildren(node, scope, new Scope(qualifiedName, true, scope.caller()));
            } else {
                pushChildren(node, scope, new Scope(qualifiedName, false, qualifiedName));
            }
        }

        private Declaration declaration(
                TSNode node, DeclarationKind kind, String name, String qualifiedName, String parent) {
            return new Declaration(
                    kind,
                    name,
                    qualifiedName,
                    parent,
                    signature(node),
                    docstring(node.getChildByFieldName("body")),
                    exported(name),
                    line(node),
                    endLine(node));
        }

        /** The head up to the colon that opens the body, without comments written inside it. */
        private String signature(TSNode node) {
            int end = SyntaxNodes.endByte(node);
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
                if ("body".equals(node.getFieldNameForChild(i))) {
                    end = Math.min(end, SyntaxNodes.startByte(child));
                    break;
                }
                if (":".equals(SyntaxNodes.type(child)) && !child.isNamed()) {
                    end = SyntaxNodes.startByte(child);
                }
            }
            List<TSNode> comments = new ArrayList<>();
            collectComments(node, end, comments);
            StringBuilder head = new StringBuilder();
            int from = SyntaxNodes.startByte(node);
            for (TSNode comment : comments) {
                head.append(source.slice(from, SyntaxNodes.startByte(comment))).append(' ');
                from = SyntaxNodes.endByte(comment);
            }
            head.append(source.slice(from, end));
            String signature = CodeText.collapse(head.toString());
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
                    if (!SyntaxNodes.present(child) || SyntaxNodes.startByte(child) >= end) {
                        continue;
                    }
                    if ("comment".equals(SyntaxNodes.type(child))) {
                        into.add(child);
                    } else if (!"block".equals(SyntaxNodes.type(child))) {
                        pending.push(child);
                    }
                }
            }
            into.sort(Comparator.comparingInt(TSNode::getStartByte));
        }

        private String docstring(TSNode body) {
            if (!SyntaxNodes.present(body)) {
                return "";
            }
            for (TSNode statement : SyntaxNodes.namedChildren(body)) {
                if ("comment".equals(SyntaxNodes.type(statement))) {
                    continue;
                }
                if (!"expression_statement".equals(SyntaxNodes.type(statement))
                        || statement.getNamedChildCount() != 1) {
                    return "";
                }
                TSNode value = statement.getNamedChild(0);
                return switch (SyntaxNodes.type(value)) {
                    case "string" -> tidyDoc(stringContent(value));
                    case "concatenated_string" -> {
                        StringBuilder joined = new StringBuilder();
                        for (int j = 0; j < value.getNamedChildCount(); j++) {
                            TSNode part = value.getNamedChild(j);
                            if ("string".equals(SyntaxNodes.type(part))) {
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
            int from = SyntaxNodes.startByte(string);
            int to = SyntaxNodes.endByte(string);
            for (TSNode child : SyntaxNodes.children(string)) {
                if ("string_start".equals(SyntaxNodes.type(child))) {
                    from = SyntaxNodes.endByte(child);
                } else if ("string_end".equals(SyntaxNodes.type(child))) {
                    to = SyntaxNodes.startByte(child);
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
            if (!SyntaxNodes.present(superclasses)) {
                return;
            }
            for (TSNode base : SyntaxNodes.namedChildren(superclasses)) {
                String name = baseName(base);
                if (!name.isEmpty() && !"object".equals(name)) {
                    out.supertype(new SupertypeRef(declaration, name, false, line(base)));
                }
            }
        }

        /** A base named by a (dotted) name, its subscripts dropped; keywords, splats and calls are no names. */
        private String baseName(TSNode base) {
            TSNode named = base;
            while (SyntaxNodes.present(named) && "subscript".equals(SyntaxNodes.type(named))) {
                named = named.getChildByFieldName("value");
            }
            if (!SyntaxNodes.present(named)) {
                return "";
            }
            return switch (SyntaxNodes.type(named)) {
                case "identifier", "attribute" -> CodeText.withoutWhitespace(source.of(named));
                default -> "";
            };
        }

        /** Dunder names are the language's protocol, meant to be reached from outside. */
        private static boolean exported(String name) {
            boolean dunder = name.length() > 4 && name.startsWith("__") && name.endsWith("__");
            return dunder || !name.startsWith("_");
        }
    }
}
