package dev.knowledgerouter.code.graph;

import java.util.List;

/**
 * The whole graph as written to {@code $KR_HOME/graphs/<name>/graph.json}: Understand-Anything's
 * {@code knowledge-graph.json} layout, so its dashboard and tools can read what {@code kr analyze} wrote.
 * Layers and tour are that tool's model-written extras; they stay empty here because nothing structural
 * comes from a model.
 */
public record KnowledgeGraph(
        String version,
        String kind,
        ProjectMeta project,
        List<GraphNode> nodes,
        List<GraphEdge> edges,
        List<Object> layers,
        List<Object> tour) {
    public static final String VERSION = "1.0.0";

    public KnowledgeGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        layers = layers == null ? List.of() : List.copyOf(layers);
        tour = tour == null ? List.of() : List.copyOf(tour);
    }

    public static KnowledgeGraph of(ProjectMeta project, List<GraphNode> nodes, List<GraphEdge> edges) {
        return new KnowledgeGraph(VERSION, "codebase", project, nodes, edges, List.of(), List.of());
    }
}
