package dev.knowledgerouter.code.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * The comment block written directly above a declaration, as its documentation: the comment siblings right before
 * it with no blank line in between, markers removed ({@code /** *}{@code /}, {@code /* *}{@code /}, {@code ///},
 * {@code //}, {@code #}) and C#'s XML tags dropped.
 */
public final class LeadingComments {
    private static final Pattern XML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

    private LeadingComments() {}

    /**
     * @param commentTypes the grammar's comment node types
     * @param skippedTypes node types that may stand between the comments and the declaration (attributes, annotations)
     */
    public static String above(SourceText source, TSNode node, Set<String> commentTypes, Set<String> skippedTypes) {
        List<String> blocks = new ArrayList<>();
        int nextRow = node.getStartPoint().getRow();
        TSNode previous = previousSibling(node, commentTypes);
        while (SyntaxNodes.present(previous)) {
            if (nextRow - previous.getEndPoint().getRow() > 1) {
                break;
            }
            String type = SyntaxNodes.type(previous);
            if (commentTypes.contains(type)) {
                blocks.addFirst(withoutMarkers(source.of(previous)));
            } else if (!skippedTypes.contains(type)) {
                break;
            }
            nextRow = previous.getStartPoint().getRow();
            previous = previous.getPrevSibling();
        }
        return String.join("\n", blocks).strip();
    }

    /**
     * The node just before {@code node}. Grammars hang a comment in odd places: as the last child of what comes before
     * (Kotlin's import list), or, for the first declaration of a body, before the body itself (Ruby's
     * {@code module A # doc} {@code class B}).
     */
    private static TSNode previousSibling(TSNode node, Set<String> commentTypes) {
        TSNode previous = node.getPrevSibling();
        if (!SyntaxNodes.present(previous)) {
            TSNode parent = node.getParent();
            return SyntaxNodes.present(parent) && SyntaxNodes.startByte(parent) == SyntaxNodes.startByte(node)
                    ? parent.getPrevSibling()
                    : previous;
        }
        TSNode last = previous;
        for (int depth = 0;
                depth < 3 && !commentTypes.contains(SyntaxNodes.type(last)) && last.getNamedChildCount() > 0;
                depth++) {
            last = last.getNamedChild(last.getNamedChildCount() - 1);
        }
        return commentTypes.contains(SyntaxNodes.type(last)) ? last : previous;
    }

    /** A comment's text without its markers. */
    public static String withoutMarkers(String comment) {
        String text = comment.strip();
        if (text.startsWith("/*")) {
            String body = text.substring(text.startsWith("/**") ? 3 : 2);
            body = body.endsWith("*/") ? body.substring(0, body.length() - 2) : body;
            return DocComments.starredBlock(body);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            for (String marker : List.of("///", "//!", "//", "#")) {
                if (stripped.startsWith(marker)) {
                    stripped = stripped.substring(marker.length()).strip();
                    break;
                }
            }
            lines.add(XML_TAG.matcher(stripped).replaceAll("").strip());
        }
        return String.join("\n", lines).strip();
    }
}
