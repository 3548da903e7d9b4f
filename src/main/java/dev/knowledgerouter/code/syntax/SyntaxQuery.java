package dev.knowledgerouter.code.syntax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
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
    static {
        // Before anything here touches tree-sitter, so that its calls go to the optimised natives.
        TreeSitterNatives.status();
    }

    private final TSQuery query;
    private final int captureCount;

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
        this.captureCount = query.getCaptureCount();
    }

    /** The id of a capture name of the query, as {@link SyntaxMatch#node(int)} takes it. */
    public int capture(String name) {
        int id = captureOrAbsent(name);
        if (id < 0) {
            throw new IllegalArgumentException("the query has no capture @" + name);
        }
        return id;
    }

    /** As {@link #capture}, or -1 when no pattern of the query has a capture of that name. */
    public int captureOrAbsent(String name) {
        for (int i = 0; i < captureCount; i++) {
            if (query.getCaptureNameForId(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Every node under {@code root} that a match captured as one of {@code kinds}, in the order a depth-first walk
     * meets them: by start, an enclosing node before what it holds, and the kinds of one node in the order given.
     * This is the order in which the walks the queries replaced read a file.
     *
     * @param captureOf the capture id of each kind, or -1 for a kind these patterns do not capture
     */
    public <K> List<SyntaxSubject<K>> subjects(TSNode root, List<K> kinds, ToIntFunction<K> captureOf) {
        int[] captures = kinds.stream().mapToInt(captureOf).toArray();
        List<Ranked<K>> found = new ArrayList<>();
        for (SyntaxMatch match : matches(root)) {
            for (int k = 0; k < captures.length; k++) {
                TSNode node = captures[k] < 0 ? null : match.node(captures[k]);
                if (node != null) {
                    found.add(new Ranked<>(
                            new SyntaxSubject<>(
                                    kinds.get(k), node, match, SyntaxNodes.startByte(node), SyntaxNodes.endByte(node)),
                            k));
                }
            }
        }
        found.sort(Comparator.<Ranked<K>>comparingInt(r -> r.subject().start())
                .thenComparing(
                        Comparator.<Ranked<K>>comparingInt(r -> r.subject().end())
                                .reversed())
                .thenComparingInt(Ranked::kind));
        return found.stream().map(Ranked::subject).toList();
    }

    /** A subject with the position of its kind in the caller's list, which orders the kinds of one node. */
    private record Ranked<K>(SyntaxSubject<K> subject, int kind) {}

    /** Every match under {@code root}, in the order tree-sitter finishes them (not necessarily the source order). */
    public List<SyntaxMatch> matches(TSNode root) {
        List<SyntaxMatch> matches = new ArrayList<>();
        try (TSQueryCursor cursor = new TSQueryCursor()) {
            cursor.exec(query, root);
            TSQueryMatch match = new TSQueryMatch();
            while (cursor.nextMatch(match)) {
                TSQueryCapture[] captures = match.getCaptures();
                TSNode[] nodes = new TSNode[captureCount];
                for (TSQueryCapture capture : captures) {
                    nodes[capture.getIndex()] = capture.getNode();
                }
                matches.add(new SyntaxMatch(match.getPatternIndex(), nodes));
            }
        }
        return matches;
    }
}
