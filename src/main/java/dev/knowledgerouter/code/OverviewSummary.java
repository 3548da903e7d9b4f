package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.overview.Overview;
import java.util.List;

/**
 * An overview in counts, as {@code kr analyze} prints it and the repository listing shows it.
 *
 * @param describedBy {@code structure}, or the model that named the layers, wrote the tour or the description
 * @param failures model steps that failed in this run (their structural result stayed)
 */
public record OverviewSummary(
        String describedBy,
        String description,
        List<String> frameworks,
        List<LayerCount> layers,
        int tourStops,
        List<String> failures) {
    /** One layer: its id, name, description and how many files it holds. */
    public record LayerCount(String id, String name, String description, int files) {}

    public OverviewSummary {
        frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
        layers = layers == null ? List.of() : List.copyOf(layers);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    static OverviewSummary of(Overview overview, List<String> failures) {
        return new OverviewSummary(
                overview.describedBy(),
                overview.description(),
                overview.frameworkNames(),
                overview.layers().stream().map(OverviewSummary::count).toList(),
                overview.tour().size(),
                failures);
    }

    /** From a stored graph, which does not say who described it. */
    static OverviewSummary of(KnowledgeGraph graph) {
        return new OverviewSummary(
                null,
                graph.project().description(),
                graph.project().frameworks(),
                graph.layers().stream().map(OverviewSummary::count).toList(),
                graph.tour().size(),
                List.of());
    }

    private static LayerCount count(GraphLayer layer) {
        return new LayerCount(
                layer.id(), layer.name(), layer.description(), layer.nodeIds().size());
    }
}
