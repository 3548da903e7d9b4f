package dev.knowledgerouter.code.syntax;

import org.treesitter.TSNode;

/** One match of a {@link SyntaxQuery}: which of its patterns matched, and the node each capture took. */
public final class SyntaxMatch {
    private final int pattern;
    private final TSNode[] nodes;

    SyntaxMatch(int pattern, TSNode[] nodes) {
        this.pattern = pattern;
        this.nodes = nodes;
    }

    /** The index of the pattern that matched, counted from 0 in the order the query lists them. */
    public int pattern() {
        return pattern;
    }

    /** The node the capture took in this match, or null when the matching pattern does not have that capture. */
    public TSNode node(int capture) {
        return nodes[capture];
    }
}
