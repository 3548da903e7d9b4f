package dev.knowledgerouter.code.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether {@link GraphValidator} would find nothing to correct in a graph as it is written, told from the records
 * themselves: the analysis validates every graph it builds, and writing a large graph out as a JSON tree only to
 * find it already in the schema took longer than building it. The answer errs one way only: {@code true} means the
 * validator makes no correction to {@code GraphFile.JSON.valueToTree(graph)}; {@code false} means it may, and the
 * caller then runs the validator itself.
 *
 * <p>The rules are the validator's, read through how the records are written: {@link GraphNode} and
 * {@link GraphLayer} leave out empty strings and lists, so an empty summary, tag list or layer description is a
 * missing one; a {@link GraphEdge}'s weight is always a number; a line range is always {@code [start, end]} with
 * {@code 1 <= start <= end}. Values must already be the schema's own (lower case, no alias), as the validator
 * reports any value it rewrites.
 */
public final class SchemaConformance {
    private SchemaConformance() {}

    public static boolean conforms(KnowledgeGraph graph) {
        Set<String> ids = new HashSet<>();
        for (GraphNode node : graph.nodes()) {
            if (!conforms(node) || !ids.add(node.id())) {
                return false;
            }
        }
        return edgesConform(graph.edges(), ids)
                && layersConform(graph.layers(), ids)
                && tourConforms(graph.tour(), ids);
    }

    private static boolean conforms(GraphNode node) {
        // The validator tells duplicate edges apart by "source -> target": with no "->" in any id, two edges have
        // the same label only when they have the same ends.
        return !node.id().isBlank()
                && !node.id().contains("->")
                && GraphValidator.NODE_TYPES.contains(node.type())
                && !node.name().isBlank()
                && !node.summary().isBlank()
                && !node.tags().isEmpty()
                && GraphValidator.COMPLEXITIES.contains(node.complexity());
    }

    private static boolean edgesConform(List<GraphEdge> edges, Set<String> ids) {
        Set<EdgeKey> seen = new HashSet<>();
        for (GraphEdge edge : edges) {
            double w = edge.weight();
            if (!GraphValidator.EDGE_TYPES.contains(edge.type())
                    || !ids.contains(edge.source())
                    || !ids.contains(edge.target())
                    || !seen.add(EdgeKey.of(edge))
                    || !GraphValidator.DIRECTIONS.contains(edge.direction())
                    || !GraphValidator.inUnitRange(w)) {
                return false;
            }
        }
        return true;
    }

    private static boolean layersConform(List<GraphLayer> layers, Set<String> ids) {
        for (GraphLayer layer : layers) {
            if (layer.id() == null
                    || layer.id().isBlank()
                    || layer.name() == null
                    || layer.name().isBlank()
                    || layer.nodeIds().isEmpty()
                    || layer.description().isEmpty()
                    || !ids.containsAll(layer.nodeIds())) {
                return false;
            }
        }
        return true;
    }

    private static boolean tourConforms(List<TourStep> tour, Set<String> ids) {
        for (TourStep step : tour) {
            if (step.title() == null || step.title().isBlank() || !ids.containsAll(step.nodeIds())) {
                return false;
            }
        }
        return true;
    }
}
