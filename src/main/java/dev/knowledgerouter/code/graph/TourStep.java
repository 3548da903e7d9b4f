package dev.knowledgerouter.code.graph;

import java.util.List;

/**
 * One stop of the graph's guided tour, in Understand-Anything's shape.
 *
 * @param order 1 for the first stop
 * @param nodeIds the nodes to look at, the file first
 */
public record TourStep(int order, String title, String description, List<String> nodeIds) {
    public TourStep {
        description = description == null ? "" : description;
        nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
    }

    public TourStep numbered(int newOrder) {
        return new TourStep(newOrder, title, description, nodeIds);
    }
}
