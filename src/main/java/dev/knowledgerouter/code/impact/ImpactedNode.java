package dev.knowledgerouter.code.impact;

import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.syntax.LineRange;
import java.util.List;

/**
 * A node the change reaches.
 *
 * @param distance how many dependency edges lie between it and a changed node (0: changed itself)
 * @param path the edges from the change to this node, nearest the change first: the first edge's target is a
 *     changed node, the last one's source (or, for a {@code tested_by} or {@code contains} edge, its target) is
 *     this node
 */
public record ImpactedNode(
        String id, String type, String name, String filePath, LineRange lineRange, int distance, List<PathStep> path) {
    public ImpactedNode {
        path = List.copyOf(path);
    }

    static ImpactedNode of(GraphNode node, int distance, List<PathStep> path) {
        return new ImpactedNode(node.id(), node.type(), node.name(), node.filePath(), node.lineRange(), distance, path);
    }
}
