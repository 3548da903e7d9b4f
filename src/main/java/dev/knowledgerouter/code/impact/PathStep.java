package dev.knowledgerouter.code.impact;

import dev.knowledgerouter.code.graph.GraphEdge;

/** One edge of the graph on the way from a change to a node that depends on it, as the graph holds it. */
public record PathStep(String source, String type, String target) {
    static PathStep of(GraphEdge edge) {
        return new PathStep(edge.source(), edge.type(), edge.target());
    }
}
