package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.TourStep;
import dev.knowledgerouter.knowledge.TextHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The repository seen whole: its layers (top of the import graph first), its tour, its frameworks with where each
 * was seen, and its description.
 *
 * @param describedBy {@code structure} when nothing came from a model, else the model that named the layers,
 *     wrote the tour or the description
 * @param fingerprint identifies the structure a model's refinement was made for: the layers' ids and members, the
 *     tour's stops and the description found without a model
 */
public record Overview(
        List<GraphLayer> layers,
        List<TourStep> tour,
        Map<String, Set<String>> frameworks,
        String description,
        String describedBy,
        String fingerprint) {
    public static final String STRUCTURE = "structure";

    public Overview {
        layers = List.copyOf(layers);
        tour = List.copyOf(tour);
        // Names sort as people read them (pytest between Flask and SQLAlchemy), not upper case first.
        Map<String, Set<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(frameworks);
        frameworks = sorted;
        description = description == null ? "" : description;
    }

    public static Overview empty() {
        return new Overview(List.of(), List.of(), Map.of(), "", STRUCTURE, "");
    }

    public List<String> frameworkNames() {
        return List.copyOf(frameworks.keySet());
    }

    static String fingerprintOf(List<GraphLayer> layers, List<TourStep> tour, String description) {
        StringBuilder s = new StringBuilder();
        layers.forEach(l -> s.append(l.id()).append(l.nodeIds()).append('\n'));
        tour.forEach(t -> s.append(t.nodeIds()).append('\n'));
        return TextHash.of(s.append(description).toString());
    }

    /** This overview with what a model wrote for the same structure; a refinement made for other structure is ignored. */
    public Overview with(OverviewRefinement refinement) {
        if (refinement == null || !refinement.fingerprint().equals(fingerprint) || refinement.isEmpty()) {
            return this;
        }
        List<GraphLayer> named = new ArrayList<>();
        for (GraphLayer layer : layers) {
            OverviewRefinement.LayerText text = refinement.layers().get(layer.id());
            named.add(text == null ? layer : layer.named(text.name(), text.description()));
        }
        return new Overview(
                named,
                refinement.tour().isEmpty() ? tour : refinement.tour(),
                frameworks,
                refinement.description().isBlank() ? description : refinement.description(),
                refinement.model(),
                fingerprint);
    }
}
