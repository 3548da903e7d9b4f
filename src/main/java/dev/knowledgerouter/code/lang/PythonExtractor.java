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
import dev.knowledgerouter.code.syntax.SyntaxQuery;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterPython;

/**
 * Extracts classes, functions and methods, docstrings and base classes from a Python file; imports and call
 * sites are read by {@link PythonReferences} from the same search.
 *
 * <p>Python declares no namespace inside a file (the module name comes from the file's place on the
 * import path, which the resolver works out), so the package name stays empty. Visibility is the
 * leading-underscore convention, the only one the language has.
 *
 * <p>The definitions, imports and calls are found by one tree-sitter query, a search in native code: walking the
 * tree from Java costs a native call for every question asked of every node, about 20 ms for a file of a few
 * hundred lines, and only a few kinds of node matter. The matches are read in source order with the bodies of
 * the definitions open at each point, which give the scope of a definition and the caller of a call (nested
 * expressions thousands deep cost nothing here, the native search keeps its own stack). Only the few nodes of a
 * definition's head and of an import are read node by node.
 */
public final class PythonExtractor implements LanguageExtractor {

    /**
     * The nodes the extraction reads. A call is matched only when its function is a name or an attribute (nothing
     * else names a callee), with the name, or the attribute and its object; an object the parser left out is its own
     * pattern ({@code !object}).
     */
    private static final String PATTERNS = """
            [(function_definition) (class_definition)] @definition
            [(import_statement) (import_from_statement) (future_import_statement)] @import
            (call function: (identifier) @name) @call
            (call function: (attribute object: _ @object attribute: _ @attribute)) @call
            (call function: (attribute !object attribute: _ @attribute)) @call
            """;

    /** The compiled query, made by the first Python file parsed (see {@code JavaExtractor}'s). */
    private static final class Compiled {
        static final SyntaxQuery QUERY = new SyntaxQuery(new TreeSitterPython(), PATTERNS);
        static final int NAME = QUERY.capture("name");
        static final int ATTRIBUTE = QUERY.capture("attribute");
        static final int OBJECT = QUERY.capture("object");
    }

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        new Reading(source, out).read(root);
        return out.build(path, Language.PYTHON, "", source, root);
    }

    /** What a match is about, named as the query's capture of the node it is about. */
    private static final List<Kind> KINDS = List.of(Kind.values());

    private enum Kind {
        DEFINITION,
        IMPORT,
        CALL;

        private final int capture = Compiled.QUERY.capture(name().toLowerCase(Locale.ROOT));
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

    /** The body of a definition, as a span of bytes, and the scope of what is written in it. */
    private record Body(Scope scope, int start, int end) {}

    private static final class Reading {
        private final SourceText source;
        private final ExtractionBuilder out;
        private final PythonReferences references;
        private final PythonDeclarationText text;
        /** The bodies that hold the point reached, innermost first; the first may be one not entered yet. */
        private final Deque<Body> open = new ArrayDeque<>();

        Reading(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new PythonReferences(source, out);
            this.text = new PythonDeclarationText(source);
        }

        /**
         * Reads the matches in source order (an enclosing node before what it holds, as a walk of the tree
         * meets them), so declarations, imports and calls are listed in that order; a call comes before the
         * calls in its receiver and arguments. What an import statement holds is not read: it names modules.
         */
        void read(TSNode root) {
            List<SyntaxSubject<Kind>> found = Compiled.QUERY.subjects(root, KINDS, kind -> kind.capture);
            int importEnd = -1;
            for (SyntaxSubject<Kind> f : found) {
                if (f.start() < importEnd) {
                    continue;
                }
                Scope scope = scopeAt(f.start());
                switch (f.kind()) {
                    case DEFINITION -> definition(f.node(), scope);
                    case IMPORT -> {
                        references.importStatement(f.node());
                        importEnd = f.end();
                    }
                    case CALL -> call(f, scope.caller());
                }
            }
        }

        private void call(SyntaxSubject<Kind> found, String caller) {
            TSNode name = found.match().node(Compiled.NAME);
            if (name != null) {
                references.call(found.node(), name, caller);
            } else {
                TSNode attribute = found.match().node(Compiled.ATTRIBUTE);
                references.attributeCall(found.node(), attribute, found.match().node(Compiled.OBJECT), caller);
            }
        }

        /**
         * The scope at a byte: that of the innermost body holding it. Bodies end in the reverse of the order they
         * were opened, but the bodies of the definition just read are opened before its head has been read.
         */
        private Scope scopeAt(int at) {
            while (!open.isEmpty() && open.peek().end() <= at) {
                open.pop();
            }
            for (Body body : open) {
                if (body.start() <= at) {
                    return body.scope();
                }
            }
            return Scope.MODULE;
        }

        /**
         * A {@code def} or a {@code class}. Defaults, annotations, decorators and bases run where the definition
         * is, not when the function is called, so only the body gets the new scope.
         */
        private void definition(TSNode node, Scope scope) {
            String name = source.of(node.getChildByFieldName("name"));
            if (name.isEmpty()) {
                return;
            }
            String qualifiedName = scope.qualify(name);
            boolean type = SyntaxNodes.type(node).equals("class_definition");
            DeclarationKind kind =
                    type ? DeclarationKind.CLASS : scope.inClass() ? DeclarationKind.METHOD : DeclarationKind.FUNCTION;
            List<TSNode> bodies = new ArrayList<>();
            int headEnd = PythonDeclarationText.headEnd(node, bodies);
            out.declaration(declaration(node, kind, name, qualifiedName, scope.enclosing(), headEnd));
            Scope inside;
            if (type) {
                bases(node.getChildByFieldName("superclasses"), qualifiedName);
                // A class body runs when its definition does, so it keeps the caller.
                inside = new Scope(qualifiedName, true, scope.caller());
            } else {
                inside = new Scope(qualifiedName, false, qualifiedName);
            }
            for (int i = bodies.size() - 1; i >= 0; i--) {
                TSNode body = bodies.get(i);
                open.push(new Body(inside, SyntaxNodes.startByte(body), SyntaxNodes.endByte(body)));
            }
        }

        private Declaration declaration(
                TSNode node, DeclarationKind kind, String name, String qualifiedName, String parent, int headEnd) {
            return new Declaration(
                    kind,
                    name,
                    qualifiedName,
                    parent,
                    text.signature(node, headEnd),
                    text.docstring(node.getChildByFieldName("body")),
                    exported(name),
                    line(node),
                    endLine(node));
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
