package dev.knowledgerouter.code.syntax;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;

/**
 * A tree-sitter query compiled once for a grammar and run over one file's tree at a time. The tree is searched in
 * native code and only the captured nodes cross into Java: reading a tree node by node costs a native call for every
 * question asked of every node (each copies the node field by field, about a microsecond), while an extractor
 * needs a few kinds of node out of thousands. Compiled queries are immutable and shared by the parsing threads; each
 * run has its own cursor.
 */
public final class SyntaxQuery {
    private final TSQuery query;

    /**
     * @throws IllegalArgumentException if the patterns do not compile against the grammar (a node type or field it
     *     does not have)
     */
    public SyntaxQuery(TSLanguage grammar, String patterns) {
        try {
            this.query = new TSQuery(grammar, patterns);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the query does not fit the grammar: " + e.getMessage(), e);
        }
    }

    /** The id of a capture name of the query, as {@link SyntaxMatch#node(int)} takes it. */
    public int capture(String name) {
        for (int i = 0; i < query.getCaptureCount(); i++) {
            if (query.getCaptureNameForId(i).equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the query has no capture @" + name);
    }

    /** Every match under {@code root}, in the order tree-sitter finishes them (not necessarily the source order). */
    public List<SyntaxMatch> matches(TSNode root) {
        List<SyntaxMatch> matches = new ArrayList<>();
        try (TSQueryCursor cursor = new TSQueryCursor()) {
            cursor.exec(query, root);
            TSQueryMatch match = new TSQueryMatch();
            while (cursor.nextMatch(match)) {
                TSQueryCapture[] captures = match.getCaptures();
                TSNode[] nodes = new TSNode[query.getCaptureCount()];
                for (TSQueryCapture capture : captures) {
                    nodes[capture.getIndex()] = capture.getNode();
                }
                matches.add(new SyntaxMatch(match.getPatternIndex(), nodes));
            }
        }
        return matches;
    }
}
