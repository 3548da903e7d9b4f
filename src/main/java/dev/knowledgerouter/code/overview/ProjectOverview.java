package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.TourStep;
import java.util.List;
import java.util.function.Function;

/** Finds a repository's overview from its graph and manifests, without a model. */
public final class ProjectOverview {
    private ProjectOverview() {}

    /**
     * @param languages the project's languages, for a description when the repository has no words of its own
     * @param textOf a file's text by repository path (empty where it may not be read)
     */
    public static Overview of(
            List<GraphNode> nodes, List<GraphEdge> edges, List<String> languages, Function<String, String> textOf) {
        FileGraph files = new FileGraph(nodes, edges);
        List<LayerDetector.Detected> detected = new LayerDetector().detect(files);
        List<GraphLayer> layers =
                detected.stream().map(LayerDetector.Detected::layer).toList();
        List<TourStep> tour = new TourBuilder().build(files, detected);
        String description = ProjectDescription.of(files.files().values(), languages, textOf);
        return new Overview(
                layers,
                tour,
                Frameworks.detect(nodes, edges, textOf),
                description,
                Overview.STRUCTURE,
                Overview.fingerprintOf(layers, tour, description));
    }
}
