package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.LeadingComments;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.treesitter.TSNode;

/**
 * The one recursive walk the C-family, C#, Kotlin, PHP and Ruby extractors share: it carries the scope for
 * qualified names, the enclosing type for constructors and the current caller for calls, declares what a language
 * says a node declares (with its head as signature and the comment above it as doc), and hands everything else to
 * the language: imports and namespaces, supertypes, call sites. It never assumes a child exists, since error recovery
 * leaves holes. One walk per file, so extractors stay stateless.
 */
abstract class DeclarationWalk {
    protected final SourceText source;
    protected final ExtractionBuilder out;
    protected String packageName = "";
    /** Names the file uses that a wildcard import may bring in, for the resolver to link only their files. */
    protected final TreeSet<String> usedNames = new TreeSet<>();

    /**
     * What a node declares.
     *
     * @param body the node's body, where its head (the signature) ends; null when it has none
     * @param scope the qualified name of the declaration it belongs to when the syntax says so itself (a C++
     *     {@code Circle::area} defined outside its class), else null for the walk's own scope
     */
    protected record Declared(DeclarationKind kind, String name, TSNode body, String scope) {
        static Declared of(DeclarationKind kind, String name, TSNode body) {
            return new Declared(kind, name, body, null);
        }
    }

    DeclarationWalk(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    final String packageName() {
        return packageName;
    }

    /** Gives each wildcard import the names the file uses ({@link #usedNames}). */
    final void narrowWildcards() {
        List<String> used = List.copyOf(usedNames);
        out.rewriteImportsFrom(
                0, ref -> ref.wildcard() ? new ImportRef(ref.spec(), used, true, ref.kind(), ref.line()) : ref);
    }

    /** What {@code node} declares, or null. {@code typeName} is the enclosing type's simple name, empty outside. */
    protected abstract Declared declaration(TSNode node, String typeName);

    /**
     * Reads a node that is not a declaration but matters (a package, namespace or import). Returns whether the walk
     * should not descend into it.
     */
    protected abstract boolean other(TSNode node);

    /** Records the supertypes named in a type declaration's head. */
    protected abstract void supertypes(TSNode node, String qualifiedName);

    /** Records the call a node makes, if it is a call, for {@code caller}. */
    protected abstract void call(TSNode node, String caller);

    /** The grammar's comment node types. */
    protected abstract Set<String> commentTypes();

    /** Node types that may stand between a doc comment and its declaration (attributes, annotations). */
    protected Set<String> betweenDocAndDeclaration() {
        return Set.of();
    }

    /** Whether other files can reach the declaration by the language's rules; informative only. */
    protected boolean exported(TSNode node, Declared declared) {
        return true;
    }

    final void visit(TSNode node, String scope, String typeName, String caller) {
        if (!SyntaxNodes.present(node) || other(node)) {
            return;
        }
        Declared declared = declaration(node, typeName);
        if (declared != null && !declared.name().isEmpty()) {
            String qualified = declare(node, declared, scope);
            if (declared.kind().isType()) {
                supertypes(node, qualified);
                visitChildren(node, qualified, declared.name(), qualified);
            } else {
                visitChildren(node, qualified, typeName, qualified);
            }
            return;
        }
        visitChildren(node, scope, typeName, caller);
        // After the children, so a chain like a.b().c() lists b before c, in evaluation order.
        call(node, caller);
    }

    final void visitChildren(TSNode node, String scope, String typeName, String caller) {
        for (TSNode child : SyntaxNodes.children(node)) {
            visit(child, scope, typeName, caller);
        }
    }

    private String declare(TSNode node, Declared declared, String scope) {
        String parent = declared.scope() != null ? declared.scope() : scope;
        String qualified = parent.isEmpty() ? declared.name() : parent + "." + declared.name();
        out.declaration(new Declaration(
                declared.kind(),
                declared.name(),
                qualified,
                parent,
                head(node, declared.body()),
                LeadingComments.above(source, node, commentTypes(), betweenDocAndDeclaration()),
                exported(node, declared),
                SyntaxNodes.line(node),
                SyntaxNodes.endLine(node)));
        return qualified;
    }

    /** The declaration up to its body, on one line, without a trailing {@code ;}, {@code =} or {@code {}. */
    private String head(TSNode node, TSNode body) {
        int end = SyntaxNodes.present(body) && SyntaxNodes.startByte(body) > SyntaxNodes.startByte(node)
                ? SyntaxNodes.startByte(body)
                : SyntaxNodes.endByte(node);
        String head = CodeText.collapse(source.slice(SyntaxNodes.startByte(node), end));
        while (!head.isEmpty() && ";={".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1).stripTrailing();
        }
        return head;
    }

    /** The text of a node on one line, without white space: {@code a :: b} as {@code a::b}. */
    protected final String compact(TSNode node) {
        return CodeText.withoutWhitespace(source.of(node));
    }

    /** The first child of one of the given types, or null. */
    protected static TSNode child(TSNode node, String... types) {
        for (TSNode child : SyntaxNodes.children(node)) {
            for (String type : types) {
                if (SyntaxNodes.type(child).equals(type)) {
                    return child;
                }
            }
        }
        return null;
    }
}
