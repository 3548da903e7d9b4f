package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxMatch;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import dev.knowledgerouter.code.syntax.SyntaxQuery;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterRust;

/**
 * Extracts Rust items with the tree-sitter-rust grammar. Rust has no package clause and no classes:
 * {@code impl} and {@code trait} blocks are what give functions an owner, so methods are attributed to
 * the implemented type (or the trait), wherever the {@code impl} block sits. Inline {@code mod} blocks are
 * namespaces, not declarations: they only prefix the qualified names of what they contain. Items are read here;
 * {@code use} trees and calls by {@link RustReferences}, signatures and doc comments by {@link RustDeclarationText}.
 *
 * <p>The items, {@code use} declarations and calls are found by one tree-sitter query, a search in native code
 * (walking the tree from Java costs a native call for every question asked of every node), and read in source order
 * with the spans of the enclosing items open at each point: a function's span is its caller and its prefix, an
 * {@code impl}, {@code trait} or {@code mod} body gives the owner or the module, and the head of such a block, a
 * signature or a {@code use} is a span nothing is read in. Expressions
 * nested thousands deep cost nothing here, as the native search keeps its own stack.
 */
public final class RustExtractor implements LanguageExtractor {

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        new Reading(source, out).read(root);
        return out.build(path, Language.RUST, "", source, root);
    }

    /**
     * Where a node sits.
     *
     * @param prefix qualified-name prefix for items found here (enclosing declarations and inline modules)
     * @param parent qualified name of the enclosing declaration, inline modules not counting
     * @param caller qualified name of the innermost enclosing function, or empty
     * @param owner for the direct items of an {@code impl} or {@code trait} body: the owning type's qualified
     *     name, which makes functions methods; else null
     * @param ownerPublic whether methods here are reachable whatever their own visibility (trait items and
     *     trait impls, whose visibility is the trait's)
     * @param modules the inline modules the node is in, outermost first
     */
    private record Scope(
            String prefix, String parent, String caller, String owner, boolean ownerPublic, List<String> modules) {
        static final Scope TOP = new Scope("", "", "", null, false, List.of());

        String qualify(String name) {
            return prefix.isEmpty() ? name : prefix + "." + name;
        }

        /** Inside a declaration: it becomes the prefix and the parent. */
        Scope inside(String qualifiedName, String newCaller) {
            return new Scope(qualifiedName, qualifiedName, newCaller, null, false, modules);
        }

        /** Directly in an impl or trait body, whose functions are methods of the owner. */
        Scope ownedBy(String owner, boolean reachable) {
            return new Scope(owner, owner, caller, owner, reachable, modules);
        }

        /** Items nested deeper than an impl or trait body's direct children are no longer its methods. */
        Scope withoutOwner() {
            return owner == null ? this : new Scope(prefix, parent, caller, null, false, modules);
        }

        Scope inModule(String name) {
            List<String> nested = new ArrayList<>(modules);
            nested.add(name);
            return new Scope(qualify(name), parent, caller, null, false, List.copyOf(nested));
        }
    }

    /**
     * The nodes the extraction reads, found by one native search of the tree. A call is matched only when its callee
     * names something: a name, a path or a method, bare or with a turbofish ({@code f::<T>}); a parenthesised callee
     * ({@code (self.f)}) is unwrapped by hand. An attribute is matched only when it has a value, the one part of it
     * that is code: calls in it are not the file's calls. Macro bodies are token trees, which hold no such nodes.
     */
    private static final String PATTERNS = """
            [(function_item) (function_signature_item) (struct_item) (union_item) (enum_item) (trait_item)
             (type_item) (impl_item) (mod_item)] @item
            (use_declaration) @use
            (extern_crate_declaration) @crate
            [(attribute_item (attribute value: _)) (inner_attribute_item (attribute value: _))] @attribute
            (call_expression function: (identifier) @name) @call
            (call_expression function: (scoped_identifier path: _ @path name: _ @name)) @call
            (call_expression function: (scoped_identifier !path name: _ @name)) @call
            (call_expression function: (field_expression value: _ @object field: _ @name)) @call
            (call_expression function: (generic_function function: (identifier) @name)) @call
            (call_expression function: (generic_function function: (scoped_identifier path: _ @path name: _ @name)))
             @call
            (call_expression function: (generic_function function: (scoped_identifier !path name: _ @name))) @call
            (call_expression function: (generic_function function: (field_expression value: _ @object field: _ @name)))
             @call
            (call_expression function: (parenthesized_expression) @wrapped) @call
            """;

    /** The compiled query, made by the first Rust file parsed (see {@code JavaExtractor}'s). */
    private static final class Compiled {
        static final SyntaxQuery QUERY = new SyntaxQuery(new TreeSitterRust(), PATTERNS);
        static final int NAME = QUERY.capture("name");
        static final int PATH = QUERY.capture("path");
        static final int OBJECT = QUERY.capture("object");
        static final int WRAPPED = QUERY.capture("wrapped");
    }

    /** What a match is about, named as the query's capture of the node it is about. */
    private static final List<Kind> KINDS = List.of(Kind.values());

    private enum Kind {
        ITEM,
        USE,
        CRATE,
        ATTRIBUTE,
        CALL;

        private final int capture = Compiled.QUERY.capture(name().toLowerCase(Locale.ROOT));
    }

    /**
     * A span of the file and the scope of what is written in it; or, {@code skipped}, a span nothing is read in (the
     * head of an impl, a trait or a module, a signature, a {@code use}). When the scope has an owner, the span is the
     * owner's body and only the items directly in it are the owner's methods.
     */
    private record Frame(Scope scope, boolean skipped, int start, int end) {}

    private static final class Reading {
        private final SourceText source;
        private final ExtractionBuilder out;
        private final RustReferences references;
        private final RustDeclarationText text;
        /** The spans that hold the point reached, innermost first; the first may be one not entered yet. */
        private final Deque<Frame> open = new ArrayDeque<>();

        Reading(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new RustReferences(source, out);
            this.text = new RustDeclarationText(source);
        }

        /**
         * Reads the matches in source order (an enclosing node before what it holds, as a walk of the tree meets
         * them), so items, imports and calls are listed in that order; a call comes before the calls in its callee
         * and arguments.
         */
        void read(TSNode root) {
            List<SyntaxSubject<Kind>> found = Compiled.QUERY.subjects(root, KINDS, kind -> kind.capture);
            for (SyntaxSubject<Kind> f : found) {
                Frame frame = frameAt(f.start());
                if (frame != null && frame.skipped()) {
                    continue;
                }
                Scope scope = frame == null ? Scope.TOP : frame.scope();
                switch (f.kind()) {
                    case ITEM -> item(f, owned(f.node(), frame) ? scope : scope.withoutOwner());
                    case USE -> {
                        references.useDeclaration(f.node(), scope.modules);
                        skip(f.start(), f.end());
                    }
                    case CRATE -> {
                        references.externCrate(f.node());
                        skip(f.start(), f.end());
                    }
                    case ATTRIBUTE -> skip(f.start(), f.end());
                    case CALL -> call(f.match(), scope.caller);
                }
            }
        }

        private void call(SyntaxMatch match, String caller) {
            TSNode name = match.node(Compiled.NAME);
            if (name == null) {
                references.call(match.node(Compiled.WRAPPED), caller);
            } else if (match.node(Compiled.OBJECT) != null) {
                references.call(caller, name, CodeText.collapse(source.of(match.node(Compiled.OBJECT))));
            } else {
                references.call(caller, name, CodeText.collapse(source.of(match.node(Compiled.PATH))));
            }
        }

        /**
         * The span innermost at a byte. Spans end in the reverse of the order they were opened, but the body of the
         * item just read is opened before its head has been read.
         */
        private Frame frameAt(int at) {
            while (!open.isEmpty() && open.peek().end() <= at) {
                open.pop();
            }
            for (Frame frame : open) {
                if (frame.start() <= at) {
                    return frame;
                }
            }
            return null;
        }

        /** Whether an item is directly in the body of an impl or a trait, which makes its functions methods. */
        private static boolean owned(TSNode item, Frame frame) {
            if (frame == null || frame.scope().owner == null) {
                return false;
            }
            TSNode parent = item.getParent();
            return SyntaxNodes.present(parent)
                    && SyntaxNodes.startByte(parent) == frame.start()
                    && SyntaxNodes.endByte(parent) == frame.end()
                    && "declaration_list".equals(SyntaxNodes.type(parent));
        }

        private void skip(int start, int end) {
            open.push(new Frame(Scope.TOP, true, start, end));
        }

        private void within(TSNode node, Scope scope) {
            open.push(new Frame(scope, false, SyntaxNodes.startByte(node), SyntaxNodes.endByte(node)));
        }

        private void item(SyntaxSubject<Kind> found, Scope scope) {
            TSNode node = found.node();
            switch (SyntaxNodes.type(node)) {
                case "function_item" -> function(node, scope);
                case "function_signature_item" -> {
                    if (!name(node).isEmpty()) {
                        declare(
                                node,
                                scope.owner != null ? DeclarationKind.METHOD : DeclarationKind.FUNCTION,
                                name(node),
                                scope,
                                scope.ownerPublic);
                    }
                    skip(found.start(), found.end());
                }
                case "struct_item", "union_item" -> type(node, DeclarationKind.STRUCT, scope);
                case "enum_item" -> type(node, DeclarationKind.ENUM, scope);
                case "trait_item" -> {
                    skip(found.start(), found.end());
                    trait(node, scope);
                }
                case "type_item" -> {
                    // Associated types of impls are bindings, not types of their own.
                    if (scope.owner == null && !name(node).isEmpty()) {
                        declare(node, DeclarationKind.TYPE_ALIAS, name(node), scope, false);
                    }
                    skip(found.start(), found.end());
                }
                case "impl_item" -> impl(node, found, scope);
                case "mod_item" -> {
                    skip(found.start(), found.end());
                    module(node, scope);
                }
                default -> throw new IllegalStateException("not an item: " + SyntaxNodes.type(node));
            }
        }

        private void function(TSNode node, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                return;
            }
            DeclarationKind kind = scope.owner != null ? DeclarationKind.METHOD : DeclarationKind.FUNCTION;
            String qualified = declare(node, kind, name, scope, scope.ownerPublic);
            within(node, scope.inside(qualified, qualified));
        }

        private void type(TSNode node, DeclarationKind kind, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                skip(SyntaxNodes.startByte(node), SyntaxNodes.endByte(node));
                return;
            }
            String qualified = declare(node, kind, name, scope, false);
            within(node, scope.inside(qualified, scope.caller));
        }

        private void trait(TSNode node, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                return;
            }
            String qualified = declare(node, DeclarationKind.TRAIT, name, scope, false);
            TSNode bounds = node.getChildByFieldName("bounds");
            if (SyntaxNodes.present(bounds)) {
                for (int i = 0; i < bounds.getNamedChildCount(); i++) {
                    supertype(qualified, bounds.getNamedChild(i), false);
                }
            }
            TSNode body = node.getChildByFieldName("body");
            if (SyntaxNodes.present(body)) {
                within(body, scope.ownedBy(qualified, true));
            }
        }

        private void impl(TSNode node, SyntaxSubject<Kind> found, Scope scope) {
            TSNode type = node.getChildByFieldName("type");
            String typeName = lastSegment(text.typeName(type));
            if (typeName.isEmpty()) {
                return;
            }
            skip(found.start(), found.end());
            String owner = scope.qualify(typeName);
            TSNode trait = node.getChildByFieldName("trait");
            boolean traitImpl = SyntaxNodes.present(trait);
            if (traitImpl && !negative(node)) {
                supertype(owner, trait, true);
            }
            TSNode body = node.getChildByFieldName("body");
            if (SyntaxNodes.present(body)) {
                within(body, scope.ownedBy(owner, traitImpl));
            }
        }

        /** A supertrait, or with {@code implemented} a trait the type implements; lifetimes name none. */
        private void supertype(String declaration, TSNode type, boolean implemented) {
            String name = text.typeName(type);
            if (!name.isEmpty()) {
                out.supertype(new SupertypeRef(declaration, name, implemented, line(type)));
            }
        }

        /** {@code impl !Send for X}: says the type does not implement the trait. */
        private static boolean negative(TSNode impl) {
            for (TSNode child : SyntaxNodes.children(impl)) {
                if (SyntaxNodes.present(child) && !child.isNamed() && "!".equals(SyntaxNodes.type(child))) {
                    return true;
                }
            }
            return false;
        }

        private void module(TSNode node, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                return;
            }
            TSNode body = node.getChildByFieldName("body");
            if (!SyntaxNodes.present(body)) {
                List<String> path = new ArrayList<>(scope.modules);
                path.add(name);
                out.importRef(new ImportRef(
                        String.join("::", path), List.of(), false, ImportKind.MODULE_DECLARATION, line(node)));
                return;
            }
            within(body, scope.inModule(name));
        }

        private String declare(TSNode node, DeclarationKind kind, String name, Scope scope, boolean reachable) {
            String qualified = scope.qualify(name);
            boolean exported = reachable || hasVisibility(node);
            out.declaration(new Declaration(
                    kind,
                    name,
                    qualified,
                    scope.parent,
                    text.signature(node),
                    text.doc(node),
                    exported,
                    line(node),
                    SyntaxNodes.endLine(node)));
            return qualified;
        }

        private String name(TSNode node) {
            return source.of(node.getChildByFieldName("name")).trim();
        }

        private static boolean hasVisibility(TSNode node) {
            for (TSNode child : SyntaxNodes.namedChildren(node)) {
                if (SyntaxNodes.present(child) && "visibility_modifier".equals(SyntaxNodes.type(child))) {
                    return true;
                }
            }
            return false;
        }

        private static String lastSegment(String path) {
            int separator = path.lastIndexOf("::");
            return separator < 0 ? path : path.substring(separator + 2);
        }
    }
}
