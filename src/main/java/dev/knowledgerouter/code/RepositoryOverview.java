package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.graph.TourStep;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A repository's stored overview as a reader walks it ({@code GET /v1/repos/{name}/overview}, the dashboard's
 * Code view): what it is, its layers with each member and why it is there, and the tour with each stop's nodes
 * named. The graph holds only node ids in its layers and tour; this resolves them so a reader needs no second call.
 *
 * @param nodes how many nodes the whole graph has, for scale
 */
public record RepositoryOverview(
        String name,
        String analyzedAt,
        String description,
        List<String> languages,
        List<String> frameworks,
        int nodes,
        List<Layer> layers,
        List<Stop> tour) {
    /**
     * One layer and its members, in the graph's order.
     *
     * @param size how many members it has
     */
    public record Layer(String id, String name, String description, int size, List<Member> members) {}

    /**
     * A node a layer holds.
     *
     * @param reason why it is in this layer (a folder convention, its dependency depth), empty when not known
     */
    public record Member(String id, String name, String type, String filePath, String reason) {}

    /** One stop of the tour; its nodes come file first. */
    public record Stop(int order, String title, String description, List<NodeRef> nodes) {}

    /** A node named: a tour stop's node, with its file. */
    public record NodeRef(String id, String name, String type, String filePath) {}

    public RepositoryOverview {
        languages = List.copyOf(languages);
        frameworks = List.copyOf(frameworks);
        layers = List.copyOf(layers);
        tour = List.copyOf(tour);
    }

    static RepositoryOverview of(String name, KnowledgeGraph graph) {
        Map<String, GraphNode> byId =
                graph.nodes().stream().collect(Collectors.toMap(GraphNode::id, Function.identity(), (a, b) -> a));
        return new RepositoryOverview(
                name,
                graph.project().analyzedAt(),
                graph.project().description(),
                graph.project().languages(),
                graph.project().frameworks(),
                graph.nodes().size(),
                graph.layers().stream().map(l -> layer(l, byId)).toList(),
                graph.tour().stream().map(s -> stop(s, byId)).toList());
    }

    private static Layer layer(GraphLayer layer, Map<String, GraphNode> byId) {
        List<Member> members = layer.nodeIds().stream()
                .map(id -> {
                    NodeRef node = ref(id, byId);
                    return new Member(
                            id,
                            node.name(),
                            node.type(),
                            node.filePath(),
                            layer.reasons().getOrDefault(id, ""));
                })
                .toList();
        return new Layer(layer.id(), layer.name(), layer.description(), members.size(), members);
    }

    private static Stop stop(TourStep step, Map<String, GraphNode> byId) {
        return new Stop(
                step.order(),
                step.title(),
                step.description(),
                step.nodeIds().stream().map(id -> ref(id, byId)).toList());
    }

    /** Reading the graph takes out ids that name no node; should one remain, it is shown as itself, not dropped. */
    private static NodeRef ref(String id, Map<String, GraphNode> byId) {
        GraphNode node = byId.get(id);
        if (node == null) {
            return new NodeRef(id, id, "", "");
        }
        return new NodeRef(id, node.name(), node.type(), node.filePath() == null ? "" : node.filePath());
    }
}
