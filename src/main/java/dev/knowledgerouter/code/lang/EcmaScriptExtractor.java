package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.lang.EcmaScriptDeclarations.Scope;
import dev.knowledgerouter.code.lang.EcmaScriptQuery.Kind;
import dev.knowledgerouter.code.lang.EcmaScriptQuery.Part;
import dev.knowledgerouter.code.lang.EcmaScriptReferences.Draft;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 *
 * <p>The nodes that matter are found by one tree-sitter query per grammar ({@link EcmaScriptQuery}) rather than by
 * walking the tree from Java: the binding answers every question about a node with a native call that copies the
 * node (about a microsecond), so visiting each of a file's thousands of nodes cost more than everything else, while
 * the native search hands over only the few hundred an extraction reads. What a walk knew from where it was (the
 * enclosing function for a call, the class for a method, that the inside of an interface is not read) comes from the
 * spans of the enclosing nodes found, kept as a stack of {@link Frame}s. Declarations are recorded by
 * {@link EcmaScriptDeclarations}, imports and calls by {@link EcmaScriptReferences}, visibility by
 * {@link EcmaScriptExports}, heads and docs by {@link EcmaScriptDeclarationText}.
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
        new Reading(source, EcmaScriptQuery.of(language), out).read(root);
        return out.build(path, language, "", source, root);
    }

    /** A node whose span changes how what lies inside it is read; frames nest as the nodes do. */
    private sealed interface Frame permits Open, Closed, Reexport {
        int start();

        int end();
    }

    /**
     * Inside, declarations belong to {@code scope} and calls are made by its caller. A decorator that is the node's
     * own child runs where the node is declared, in {@code outer} (null when the node's decorators are read as the
     * rest of it). {@code value} marks a declarator's value, whose inside is read but which is not itself read as a
     * declaration.
     */
    private record Open(int start, int end, Scope scope, Scope outer, boolean value) implements Frame {}

    /**
     * Nothing inside is read but the node's own parts: the value of a declarator or the body of an enum, read in
     * {@code inner} (null when there is none), or the names of an import ({@code draft}).
     */
    private record Closed(int start, int end, Scope inner, Draft draft) implements Frame {}

    /** An {@code export ... from}: read as its surroundings are, while its names go to its import. */
    private record Reexport(int start, int end, Scope scope, Draft draft) implements Frame {}

    /** The state of one extraction; a new one per file keeps the extractor itself stateless. */
    private static final class Reading {
        private final SourceText source;
        private final EcmaScriptQuery query;
        private final EcmaScriptReferences references;
        private final ExtractionBuilder out;
        private EcmaScriptDeclarations declarations;

        Reading(SourceText source, EcmaScriptQuery query, ExtractionBuilder out) {
            this.source = source;
            this.query = query;
            this.references = new EcmaScriptReferences(source, out);
            this.out = out;
        }

        /**
         * Reads what the query found in the order a depth-first walk meets it, with the frames of the enclosing
         * nodes that matter: the innermost says the scope of what is declared there and the caller of the calls made
         * there, or that nothing there is read (the inside of an interface, a type alias or an import statement).
         * Module-level exports are gathered first, because an export clause may follow what it exports. No frame
         * is a Java call, so code nested thousands deep ({@code a + b + c ...}) cannot overflow the stack.
         */
        void read(TSNode root) {
            List<SyntaxSubject<Kind>> found = query.find(root);
            List<SyntaxSubject<Kind>> moduleExports = new ArrayList<>();
            for (SyntaxSubject<Kind> f : found) {
                if (f.kind().moduleExport()) {
                    moduleExports.add(f);
                }
            }
            declarations = new EcmaScriptDeclarations(source, EcmaScriptExports.of(moduleExports, query, source), out);
            Deque<Frame> frames = new ArrayDeque<>();
            for (SyntaxSubject<Kind> f : found) {
                if (f.kind().moduleExport()) {
                    continue;
                }
                while (!frames.isEmpty() && frames.peek().end() <= f.start()) {
                    frames.pop();
                }
                Frame top = frames.peek();
                if (top instanceof Closed closed) {
                    partOfClosed(f, closed, frames);
                } else if (!(top instanceof Open open && open.value() && spans(f, open))) {
                    Frame opened = read(f, top, frames);
                    if (opened != null) {
                        frames.push(opened);
                    }
                }
            }
            references.finish();
        }

        /** Reads one found node; returns the frame it opens for what lies inside it, or null. */
        private Frame read(SyntaxSubject<Kind> f, Frame top, Deque<Frame> frames) {
            Scope scope = switch (top) {
                case null -> Scope.FILE;
                case Open open -> open.scope();
                case Reexport reexport -> reexport.scope();
                case Closed closed -> throw new IllegalStateException("nothing inside a closed node is read");
            };
            TSNode node = f.node();
            switch (f.kind()) {
                case IMPORT -> {
                    Draft draft = references.importStatement(node, query.part(f, Part.SOURCE));
                    return new Closed(f.start(), f.end(), null, draft);
                }
                case REEXPORT -> {
                    Draft draft = references.reexport(node, query.part(f, Part.SOURCE));
                    return new Reexport(f.start(), f.end(), scope, draft);
                }
                case REEXPORT_STAR, REEXPORT_NAME, REEXPORT_NAMELESS -> reexportPart(f, frames);
                case DYNAMIC_IMPORT -> references.dynamicImport(node, query.part(f, Part.ARGUMENTS));
                case CALL, NEW ->
                    references.call(node, query.part(f, Part.CALLEE), scope.caller(), f.kind() == Kind.NEW);
                case SUPER_CALL -> references.superCall(node, scope.caller());
                case MEMBER_CALL ->
                    references.memberCall(query.part(f, Part.OBJECT), query.part(f, Part.PROPERTY), scope.caller());
                case DECORATOR -> {
                    return decorator(f, top);
                }
                default -> {
                    return declaration(f, scope);
                }
            }
            return null;
        }

        /** Records a declaration; returns the frame of its inside, or null for one that is not (or has no name). */
        private Frame declaration(SyntaxSubject<Kind> f, Scope scope) {
            TSNode node = f.node();
            EcmaScriptDeclarations declare = declarations;
            switch (f.kind()) {
                case FUNCTION -> {
                    return declare.named(node)
                            ? open(f, declare.function(node, declare.nameOf(node), scope), scope)
                            : null;
                }
                case DEFAULT_FUNCTION -> {
                    return open(f, declare.function(node, "default", scope), scope);
                }
                case CLASS_DECLARATION -> {
                    return declare.named(node)
                            ? open(f, declare.classLike(node, declare.nameOf(node), scope), scope)
                            : null;
                }
                case CLASS -> {
                    // A named class expression declares its name as much as a class declaration does;
                    // tree-sitter also recovers a declaration after broken code as one.
                    if (declare.named(node)) {
                        return open(f, declare.classLike(node, declare.nameOf(node), scope), scope);
                    }
                    return SyntaxNodes.parentIs(node, "export_statement")
                            ? open(f, declare.classLike(node, "default", scope), scope)
                            : null;
                }
                case FUNCTION_VARIABLE -> {
                    TSNode value = query.part(f, Part.VALUE);
                    return closed(f, declare.functionVariable(node, query.part(f, Part.NAME), value, scope));
                }
                case CLASS_VARIABLE -> {
                    TSNode value = query.part(f, Part.VALUE);
                    return closed(f, declare.classVariable(node, query.part(f, Part.NAME), value, scope));
                }
                case METHOD -> {
                    return declare.named(node) ? open(f, declare.method(node, scope), scope) : null;
                }
                case FIELD_METHOD -> {
                    TSNode value = query.part(f, Part.FIELD_VALUE);
                    return open(f, declare.fieldMethod(node, query.part(f, Part.NAME), value, scope), scope);
                }
                case INTERFACE -> {
                    if (!declare.named(node)) {
                        return null;
                    }
                    declare.interfaceDeclaration(node, scope);
                    return closed(f, null);
                }
                case TYPE_ALIAS -> {
                    if (!declare.named(node)) {
                        return null;
                    }
                    declare.typeAlias(node, scope);
                    return closed(f, null);
                }
                case ENUM -> {
                    return declare.named(node) ? closed(f, declare.enumDeclaration(node, scope)) : null;
                }
                // Parts of a closed node, read inside it; module-level exports, read first.
                default -> {
                    return null;
                }
            }
        }

        /** A declaration whose inside is read in {@code inner}, its decorators in {@code outer}. */
        private static Frame open(SyntaxSubject<Kind> f, Scope inner, Scope outer) {
            return new Open(f.start(), f.end(), inner, outer, false);
        }

        /** A declaration whose inside is not read but for its value or body, in {@code inner}. */
        private static Frame closed(SyntaxSubject<Kind> f, Scope inner) {
            return new Closed(f.start(), f.end(), inner, null);
        }

        /** Inside a closed node only its own parts are read. */
        private void partOfClosed(SyntaxSubject<Kind> f, Closed closed, Deque<Frame> frames) {
            if (!owns(closed, f)) {
                return;
            }
            switch (f.kind()) {
                case VALUE -> {
                    if (closed.inner() != null) {
                        frames.push(new Open(f.start(), f.end(), closed.inner(), null, true));
                    }
                }
                case IMPORT_NAME, IMPORT_NAMELESS, REQUIRE_CLAUSE -> {
                    if (closed.draft() == null) {
                        return;
                    }
                    if (f.kind() == Kind.REQUIRE_CLAUSE) {
                        references.requireClause(closed.draft(), f.node());
                    } else {
                        references.name(closed.draft(), f.kind() == Kind.IMPORT_NAME ? source.of(f.node()) : "");
                    }
                }
                default -> {}
            }
        }

        /** The {@code *} or a name of an {@code export ... from}, for its import. */
        private void reexportPart(SyntaxSubject<Kind> f, Deque<Frame> frames) {
            for (Frame frame : frames) {
                if (frame instanceof Reexport reexport && owns(reexport, f)) {
                    switch (f.kind()) {
                        case REEXPORT_STAR -> references.wildcard(reexport.draft());
                        case REEXPORT_NAME -> references.name(reexport.draft(), source.of(f.node()));
                        default -> references.name(reexport.draft(), "");
                    }
                    return;
                }
            }
        }

        /** Decorators run where the declaration is made, not inside it, so their calls belong to the outer scope. */
        private static Frame decorator(SyntaxSubject<Kind> f, Frame top) {
            if (!(top instanceof Open open) || open.outer() == null) {
                return null;
            }
            TSNode parent = f.node().getParent();
            boolean own = SyntaxNodes.present(parent)
                    && SyntaxNodes.startByte(parent) == open.start()
                    && SyntaxNodes.endByte(parent) == open.end();
            return own ? new Open(f.start(), f.end(), open.outer(), null, false) : null;
        }

        /** Whether the match's owner (the statement or declaration a part belongs to) is the frame's node. */
        private boolean owns(Frame frame, SyntaxSubject<Kind> part) {
            TSNode owner = query.part(part, Part.OWNER);
            return owner != null
                    && SyntaxNodes.startByte(owner) == frame.start()
                    && SyntaxNodes.endByte(owner) == frame.end();
        }

        private static boolean spans(SyntaxSubject<Kind> f, Frame frame) {
            return f.start() == frame.start() && f.end() == frame.end();
        }
    }
}
