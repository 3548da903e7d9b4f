package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.DocComments;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * The text an ECMAScript declaration is shown with: its head and its JSDoc. Both look past the statements
 * that wrap a declaration ({@code export default}, {@code declare}, {@code const}), whose keywords belong to
 * the head and before which the doc comment stands.
 */
final class EcmaScriptDeclarationText {
    private static final Set<String> WRAPPERS =
            Set.of("export_statement", "ambient_declaration", "lexical_declaration", "variable_declaration");

    private final SourceText source;

    EcmaScriptDeclarationText(SourceText source) {
        this.source = source;
    }

    /** The statements wrapping a declaration, outermost first; empty when it stands alone. */
    static List<TSNode> wrappers(TSNode node) {
        List<TSNode> wrappers = new ArrayList<>();
        for (TSNode up = node.getParent();
                SyntaxNodes.present(up) && WRAPPERS.contains(SyntaxNodes.type(up));
                up = up.getParent()) {
            wrappers.addFirst(up);
        }
        return wrappers;
    }

    /**
     * The declaration's head: the keywords of the statements wrapping it, then its own text from after its
     * decorators up to {@code end} (its body), or all of it when there is no body.
     */
    String head(TSNode node, TSNode end) {
        List<String> parts = new ArrayList<>();
        List<TSNode> wrappers = wrappers(node);
        wrappers.add(node);
        for (int w = 0; w < wrappers.size() - 1; w++) {
            TSNode wrapper = wrappers.get(w);
            TSNode inner = wrappers.get(w + 1);
            for (TSNode child : SyntaxNodes.children(wrapper)) {
                if (SyntaxNodes.startByte(child) >= SyntaxNodes.startByte(inner)) {
                    break;
                }
                // Keywords only: a wrapper's named children are decorators, comments or sibling declarators.
                if (!child.isNamed() && !SyntaxNodes.type(child).equals(",")) {
                    parts.add(source.of(child));
                }
            }
        }
        int from = SyntaxNodes.startByte(node);
        for (TSNode child : SyntaxNodes.children(node)) {
            if (!SyntaxNodes.type(child).equals("decorator")
                    && !SyntaxNodes.type(child).equals("comment")) {
                from = SyntaxNodes.startByte(child);
                break;
            }
        }
        int to = SyntaxNodes.present(end) ? SyntaxNodes.startByte(end) : SyntaxNodes.endByte(node);
        parts.add(source.slice(from, to));
        String head = CodeText.collapse(String.join(" ", parts));
        while (head.endsWith(";") || head.endsWith("{")) {
            head = head.substring(0, head.length() - 1).trim();
        }
        return head;
    }

    /** The JSDoc comment right before the declaration or the statement wrapping it. */
    String doc(TSNode node) {
        List<TSNode> wrappers = wrappers(node);
        TSNode anchor = wrappers.isEmpty() ? node : wrappers.getFirst();
        TSNode previous = anchor.getPrevSibling();
        // TypeScript puts a member's decorators beside it in the class body, not inside it.
        while (SyntaxNodes.present(previous) && SyntaxNodes.type(previous).equals("decorator")) {
            anchor = previous;
            previous = previous.getPrevSibling();
        }
        if (!SyntaxNodes.present(previous)
                || !SyntaxNodes.type(previous).equals("comment")
                || previous.getEndPoint().getRow() + 1 < anchor.getStartPoint().getRow()) {
            return "";
        }
        String text = source.of(previous);
        if (!text.startsWith("/**") || !text.endsWith("*/") || text.length() < 5) {
            return "";
        }
        return DocComments.starredBlock(text.substring(3, text.length() - 2));
    }
}
