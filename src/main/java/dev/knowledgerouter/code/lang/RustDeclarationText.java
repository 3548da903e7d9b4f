package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.DocComments;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/** The text of a Rust item for its declaration: its signature, the doc comment above it, the types it names. */
final class RustDeclarationText {
    private final SourceText source;

    RustDeclarationText(SourceText source) {
        this.source = source;
    }

    /** The item up to its body; a body-less item (signature, alias, unit struct) without its semicolon. */
    String signature(TSNode node) {
        TSNode body = node.getChildByFieldName("body");
        String head = !SyntaxNodes.present(body)
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
    String doc(TSNode node) {
        List<String> blocks = new ArrayList<>();
        int nextRow = node.getStartPoint().getRow();
        TSNode previous = node.getPrevSibling();
        while (SyntaxNodes.present(previous)) {
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
    String typeName(TSNode type) {
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
}
