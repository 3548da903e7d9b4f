package dev.knowledgerouter.code.graph;

import java.util.List;

/**
 * The whole graph as written to {@code $KR_HOME/graphs/<name>/graph.json}: Understand-Anything's
 * {@code knowledge-graph.json} layout, so its dashboard and tools can read what {@code kr analyze} wrote.
 * Layers and tour are found from the graph's structure; a model may name and describe them, never change
 * which nodes they hold (see {@code code.overview}).
 */
public record KnowledgeGraph(
        String version,
        String kind,
        ProjectMeta project,
        List<GraphNode> nodes,
        List<GraphEdge> edges,
        List<GraphLayer> layers,
        List<TourStep> tour) {
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

    public static KnowledgeGraph of(
            ProjectMeta project,
            List<GraphNode> nodes,
            List<GraphEdge> edges,
            List<GraphLayer> layers,
            List<TourStep> tour) {
        return new KnowledgeGraph(VERSION, "codebase", project, nodes, edges, layers, tour);
    }
}
