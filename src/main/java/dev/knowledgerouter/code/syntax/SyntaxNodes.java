package dev.knowledgerouter.code.syntax;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * What every extractor asks of a tree-sitter node: whether it is there, where it is, what holds it.
 * Tree-sitter answers a missing field or child with a null node rather than with {@code null}, and error
 * recovery leaves such holes anywhere, so every question here is safe to ask of either.
 */
public final class SyntaxNodes {
    private SyntaxNodes() {}

    /** Whether the node exists: neither {@code null} nor tree-sitter's null node. */
    public static boolean present(TSNode node) {
        return node != null && !NodeReader.isNull(node);
    }

    /** The node's first line, 1-based. */
    public static int line(TSNode node) {
        return NodeReader.startRow(node) + 1;
    }

    /** The node's grammar type; as {@link TSNode#getType()}, in one native call instead of two. */
    public static String type(TSNode node) {
        return NodeReader.type(node);
    }

    /** Where the node starts, as {@link TSNode#getStartByte()}, without a native call. */
    public static int startByte(TSNode node) {
        return NodeReader.startByte(node);
    }

    /** Where the node ends, as {@link TSNode#getEndByte()}, in one native call instead of two. */
    public static int endByte(TSNode node) {
        return NodeReader.endByte(node);
    }

    /** The node's last line, 1-based and inclusive, never before its first. */
    public static int endLine(TSNode node) {
        return Math.max(line(node), node.getEndPoint().getRow() + 1);
    }

    /**
     * The node's children, in order. Read with one cursor: tree-sitter finds a child by index by stepping from the
     * first one, so a loop over {@code getChild(i)} is quadratic in the number of children, and asks the count again
     * on every turn; each of those is a native call.
     */
    public static List<TSNode> children(TSNode node) {
        List<TSNode> children = new ArrayList<>();
        try (TSTreeCursor cursor = new TSTreeCursor(node)) {
            if (cursor.gotoFirstChild()) {
                do {
                    children.add(cursor.currentNode());
                } while (cursor.gotoNextSibling());
            }
        }
        return children;
    }

    /** The node's named children (no punctuation or keyword tokens), in order, read as {@link #children} are. */
    public static List<TSNode> namedChildren(TSNode node) {
        List<TSNode> named = new ArrayList<>();
        for (TSNode child : children(node)) {
            if (child.isNamed()) {
                named.add(child);
            }
        }
        return named;
    }

    /** Whether the node's parent is of the given grammar type. */
    public static boolean parentIs(TSNode node, String type) {
        TSNode parent = node.getParent();
        return present(parent) && type(parent).equals(type);
    }
}
