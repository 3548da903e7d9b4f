package dev.knowledgerouter.code.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One architectural layer of the graph, in Understand-Anything's shape ({@code id, name, description, nodeIds}),
 * plus why each node is in it. Layers hold file nodes; a declaration belongs to its file's layer.
 *
 * @param id {@code layer:<slug>}, stable while the layer's place in the repository is
 * @param reasons per node id, why the node was put in this layer (a folder convention, its dependency depth)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GraphLayer(
        String id, String name, String description, List<String> nodeIds, Map<String, String> reasons) {
    public GraphLayer {
        description = description == null ? "" : description;
        nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
        reasons = reasons == null ? Map.of() : new TreeMap<>(reasons);
    }

    public GraphLayer named(String newName, String newDescription) {
        return new GraphLayer(id, newName, newDescription, nodeIds, reasons);
    }
}
