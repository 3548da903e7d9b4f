package dev.knowledgerouter.code.syntax;

import org.treesitter.TSNode;

/**
 * What every extractor asks of a tree-sitter node: whether it is there, where it is, what holds it.
 * Tree-sitter answers a missing field or child with a null node rather than with {@code null}, and error
 * recovery leaves such holes anywhere, so every question here is safe to ask of either.
 */
public final class SyntaxNodes {
    private SyntaxNodes() {}

    /** Whether the node exists: neither {@code null} nor tree-sitter's null node. */
    public static boolean present(TSNode node) {
        return node != null && !node.isNull();
    }

    /** The node's first line, 1-based. */
    public static int line(TSNode node) {
        return node.getStartPoint().getRow() + 1;
    }

    /** The node's last line, 1-based and inclusive, never before its first. */
    public static int endLine(TSNode node) {
        return Math.max(line(node), node.getEndPoint().getRow() + 1);
    }

    /** Whether the node's parent is of the given grammar type. */
    public static boolean parentIs(TSNode node, String type) {
        TSNode parent = node.getParent();
        return present(parent) && parent.getType().equals(type);
    }
}
