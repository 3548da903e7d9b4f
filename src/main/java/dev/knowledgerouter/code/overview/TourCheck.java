package dev.knowledgerouter.code.overview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.TourStep;
import dev.knowledgerouter.code.overview.OverviewRefiner.RejectedReply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tour the model proposed, held to the graph: every node id must exist, there must be between the minimum and
 * the maximum number of stops, and each stop needs a title and a node. A reply that breaks any of these is
 * rejected whole, since a model that invents one node cannot be trusted with the others. The stops that pass
 * are put in layer order, from the README and docs through the code layers top to bottom to tests and
 * configuration, keeping the model's order within a layer, so the tour always runs along the import graph.
 */
final class TourCheck {
    private static final int MAX_TITLE_CHARS = 80;
    private static final int MAX_DESCRIPTION_CHARS = 600;
    private static final String DOCUMENTATION = "layer:documentation";

    private TourCheck() {}

    /**
     * @param pathOf every node of the graph by id, with its file's path ("" for a node outside any file)
     */
    static List<TourStep> check(
            JsonNode steps, Map<String, String> pathOf, Overview overview, FileGraph files, int min, int max) {
        if (!steps.isArray() || steps.isEmpty()) {
            throw new RejectedReply("the reply has no \"tour\" list");
        }
        Set<String> unknown = new TreeSet<>();
        List<TourStep> proposed = new ArrayList<>();
        for (JsonNode step : steps) {
            String title = step.path("title").asText("").strip();
            List<String> ids = new ArrayList<>();
            step.path("nodeIds").forEach(id -> ids.add(id.asText("")));
            if (title.isEmpty() || ids.isEmpty()) {
                throw new RejectedReply("a stop has no title or no node ids");
            }
            ids.stream().filter(id -> !pathOf.containsKey(id)).forEach(unknown::add);
            proposed.add(new TourStep(
                    0,
                    OverviewRefiner.clip(title, MAX_TITLE_CHARS),
                    OverviewRefiner.clip(step.path("description").asText(""), MAX_DESCRIPTION_CHARS),
                    ids));
        }
        if (!unknown.isEmpty()) {
            throw new RejectedReply("the tour names " + unknown.size() + " node(s) the graph does not hold: "
                    + String.join(", ", unknown.stream().limit(5).toList()));
        }
        if (proposed.size() < min || proposed.size() > max) {
            throw new RejectedReply(
                    "the tour has " + proposed.size() + " stops; " + min + " to " + max + " are asked for");
        }
        Map<String, Integer> rank = ranks(overview, files);
        List<TourStep> ordered = new ArrayList<>(proposed);
        // A stable sort: stops of one layer keep the model's order.
        ordered.sort(Comparator.comparingInt(
                s -> rank.getOrDefault(pathOf.get(s.nodeIds().getFirst()), Integer.MAX_VALUE)));
        List<TourStep> numbered = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            numbered.add(ordered.get(i).numbered(i + 1));
        }
        return numbered;
    }

    /** Per file path, the position of its layer; documentation comes first. */
    private static Map<String, Integer> ranks(Overview overview, FileGraph files) {
        Map<String, Integer> byPath = new HashMap<>();
        List<GraphLayer> layers = overview.layers();
        for (int i = 0; i < layers.size(); i++) {
            int rank = layers.get(i).id().equals(DOCUMENTATION) ? -1 : i;
            for (String id : layers.get(i).nodeIds()) {
                GraphNode file = files.file(id);
                if (file != null) {
                    byPath.put(file.filePath(), rank);
                }
            }
        }
        return byPath;
    }
}
