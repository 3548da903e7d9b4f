package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.DocComments;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Extracts Rust items with the tree-sitter-rust grammar. Rust has no package clause and no classes:
 * {@code impl} and {@code trait} blocks are what give functions an owner, so methods are attributed to
 * the implemented type (or the trait), wherever the {@code impl} block sits. Inline {@code mod} blocks are
 * namespaces, not declarations: they only prefix the qualified names of what they contain. The walk here
 * handles items; {@code use} trees and calls are read by {@link RustReferences}.
 */
public final class RustExtractor implements LanguageExtractor {

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        new Walk(source, out).children(root, Scope.TOP);
        return out.build(path, Language.RUST, "", source, root);
    }

    /**
     * Where the walk is.
     *
     * @param prefix qualified-name prefix for items found here (enclosing declarations and inline modules)
     * @param parent qualified name of the enclosing declaration, inline modules not counting
     * @param caller qualified name of the innermost enclosing function, or empty
     * @param owner for the direct items of an {@code impl} or {@code trait} body: the owning type's qualified
     *     name, which makes functions methods; else null
     * @param ownerPublic whether methods here are reachable whatever their own visibility (trait items and
     *     trait impls, whose visibility is the trait's)
     * @param modules the inline modules the walk is in, outermost first
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

    private static final class Walk {
        /**
         * Deeper than any hand-written code nests; generated expressions (a long {@code a + b + ...} chain nests
         * one level per operand) stop here instead of overflowing the stack.
         */
        private static final int MAX_DEPTH = 1_000;

        private final SourceText source;
        private final ExtractionBuilder out;
        private final RustReferences references;
        private int depth;

        Walk(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new RustReferences(source, out);
        }

        void children(TSNode node, Scope scope) {
            if (depth >= MAX_DEPTH) {
                return;
            }
            depth++;
            try {
                for (TSNode child : SyntaxNodes.namedChildren(node)) {
                    if (!child.isNull()) {
                        visit(child, scope);
                    }
                }
            } finally {
                depth--;
            }
        }

        private void visit(TSNode node, Scope scope) {
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
                }
                case "struct_item", "union_item" -> type(node, DeclarationKind.STRUCT, scope);
                case "enum_item" -> type(node, DeclarationKind.ENUM, scope);
                case "trait_item" -> trait(node, scope);
                case "type_item" -> {
                    // Associated types of impls are bindings, not types of their own.
                    if (scope.owner == null && !name(node).isEmpty()) {
                        declare(node, DeclarationKind.TYPE_ALIAS, name(node), scope, false);
                    }
                }
                case "impl_item" -> impl(node, scope);
                case "mod_item" -> module(node, scope);
                case "use_declaration" -> references.useDeclaration(node, scope.modules);
                case "extern_crate_declaration" -> references.externCrate(node);
                case "call_expression" -> {
                    references.call(node, scope.caller);
                    children(node, scope);
                }
                case "macro_invocation",
                        "macro_definition",
                        "line_comment",
                        "block_comment",
                        "attribute_item",
                        "inner_attribute_item" -> {
                    // Macro bodies are token trees, not code; comments and attributes hold nothing we extract.
                }
                default -> children(node, scope.withoutOwner());
            }
        }

        private void function(TSNode node, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                children(node, scope.withoutOwner());
                return;
            }
            DeclarationKind kind = scope.owner != null ? DeclarationKind.METHOD : DeclarationKind.FUNCTION;
            String qualified = declare(node, kind, name, scope, scope.ownerPublic);
            children(node, scope.inside(qualified, qualified));
        }

        private void type(TSNode node, DeclarationKind kind, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                return;
            }
            String qualified = declare(node, kind, name, scope, false);
            children(node, scope.inside(qualified, scope.caller));
        }

        private void trait(TSNode node, Scope scope) {
            String name = name(node);
            if (name.isEmpty()) {
                return;
            }
            String qualified = declare(node, DeclarationKind.TRAIT, name, scope, false);
            TSNode bounds = node.getChildByFieldName("bounds");
            if (!bounds.isNull()) {
                for (int i = 0; i < bounds.getNamedChildCount(); i++) {
                    supertype(qualified, bounds.getNamedChild(i), false);
                }
            }
            TSNode body = node.getChildByFieldName("body");
            if (!body.isNull()) {
                children(body, scope.ownedBy(qualified, true));
            }
        }

        private void impl(TSNode node, Scope scope) {
            TSNode type = node.getChildByFieldName("type");
            String typeName = lastSegment(typeName(type));
            if (typeName.isEmpty()) {
                children(node, scope.withoutOwner());
                return;
            }
            String owner = scope.qualify(typeName);
            TSNode trait = node.getChildByFieldName("trait");
            boolean traitImpl = !trait.isNull();
            if (traitImpl && !negative(node)) {
                supertype(owner, trait, true);
            }
            TSNode body = node.getChildByFieldName("body");
            if (!body.isNull()) {
                children(body, scope.ownedBy(owner, traitImpl));
            }
        }

        /** A supertrait, or with {@code implemented} a trait the type implements; lifetimes name none. */
        private void supertype(String declaration, TSNode type, boolean implemented) {
            String name = typeName(type);
            if (!name.isEmpty()) {
                out.supertype(new SupertypeRef(declaration, name, implemented, line(type)));
            }
        }

        /** {@code impl !Send for X}: says the type does not implement the trait. */
        private static boolean negative(TSNode impl) {
            for (TSNode child : SyntaxNodes.children(impl)) {
                if (!child.isNull() && !child.isNamed() && "!".equals(SyntaxNodes.type(child))) {
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
            if (body.isNull()) {
                List<String> path = new ArrayList<>(scope.modules);
                path.add(name);
                out.importRef(new ImportRef(
                        String.join("::", path), List.of(), false, ImportKind.MODULE_DECLARATION, line(node)));
                return;
            }
            children(body, scope.inModule(name));
        }

        private String declare(TSNode node, DeclarationKind kind, String name, Scope scope, boolean reachable) {
            String qualified = scope.qualify(name);
            boolean exported = reachable || hasVisibility(node);
            out.declaration(new Declaration(
                    kind,
                    name,
                    qualified,
                    scope.parent,
                    signature(node),
                    doc(node),
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
                if (!child.isNull() && "visibility_modifier".equals(SyntaxNodes.type(child))) {
                    return true;
                }
            }
            return false;
        }

        /** The item up to its body; a body-less item (signature, alias, unit struct) without its semicolon. */
        private String signature(TSNode node) {
            TSNode body = node.getChildByFieldName("body");
            String head = body.isNull()
                    ? source.of(node)
                    : source.slice(SyntaxNodes.startByte(node), SyntaxNodes.startByte(body));
            head = CodeText.collapse(head);
            if (head.endsWith(";")) {
                head = head.substring(0, head.length() - 1).trim();
            }
            return head;
        }

        /**
         * Outer doc comments ({@code ///} lines or a {@code /**} block) directly above the item, attributes between
         * them and the item allowed. A plain comment or a blank line ends the doc, as it does for rustdoc
         * readers even where the compiler would still attach it.
         */
        private String doc(TSNode node) {
            List<String> blocks = new ArrayList<>();
            int nextRow = node.getStartPoint().getRow();
            TSNode previous = node.getPrevSibling();
            while (!previous.isNull()) {
                String type = SyntaxNodes.type(previous);
                if (nextRow - lastRow(previous) > 1) {
                    break;
                }
                if ("attribute_item".equals(type)) {
                    nextRow = previous.getStartPoint().getRow();
                } else if (("line_comment".equals(type) || "block_comment".equals(type)) && outerDoc(previous)) {
                    blocks.add(0, stripMarkers(source.of(previous)));
                    nextRow = previous.getStartPoint().getRow();
                } else {
                    break;
                }
                previous = previous.getPrevSibling();
            }
            return String.join("\n", blocks).trim();
        }

        private static boolean outerDoc(TSNode comment) {
            for (int i = 0; i < comment.getChildCount(); i++) {
                if ("outer".equals(comment.getFieldNameForChild(i))) {
                    return true;
                }
            }
            return false;
        }

        /** A line comment's node ends at column 0 of the next row, having swallowed its newline. */
        private static int lastRow(TSNode node) {
            int endRow = node.getEndPoint().getRow();
            if (endRow > node.getStartPoint().getRow() && node.getEndPoint().getColumn() == 0) {
                return endRow - 1;
            }
            return endRow;
        }

        private static String stripMarkers(String comment) {
            String text = comment.strip();
            if (text.startsWith("///")) {
                return text.substring(3).trim();
            }
            if (text.startsWith("/**")) {
                text = text.substring(3);
                return DocComments.starredBlock(text.endsWith("*/") ? text.substring(0, text.length() - 2) : text);
            }
            return text;
        }

        /**
         * A type as written without type arguments or reference sigils: {@code Foo<T>} and {@code &'a Foo} give
         * {@code Foo}, {@code fmt::Display} stays qualified; empty for lifetimes and {@code ?Sized}.
         */
        private String typeName(TSNode type) {
            if (!SyntaxNodes.present(type)) {
                return "";
            }
            return switch (SyntaxNodes.type(type)) {
                case "type_identifier", "scoped_type_identifier", "identifier", "scoped_identifier" ->
                    CodeText.withoutWhitespace(source.of(type));
                case "generic_type", "reference_type", "pointer_type", "higher_ranked_trait_bound" ->
                    typeName(type.getChildByFieldName("type"));
                case "function_type" -> typeName(type.getChildByFieldName("trait"));
                case "lifetime", "removed_trait_bound" -> "";
                default -> CodeText.collapse(source.of(type));
            };
        }

        private static String lastSegment(String path) {
            int separator = path.lastIndexOf("::");
            return separator < 0 ? path : path.substring(separator + 2);
        }
    }
}
