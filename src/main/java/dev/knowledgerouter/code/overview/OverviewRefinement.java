package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.TourStep;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the local model added to an overview, kept in the analysis state and reused while the structure it was
 * made for (its {@code fingerprint}) is unchanged. Each part is present only when its step succeeded.
 *
 * @param layers a name and a one-line description per layer id
 * @param tour the model's tour, checked against the graph; empty when the structural one stays
 * @param description the model's project description; empty when the structural one stays
 * @param failures one line per step that failed, and why
 */
public record OverviewRefinement(
        String fingerprint,
        String model,
        Map<String, LayerText> layers,
        List<TourStep> tour,
        String description,
        List<String> failures) {
    public record LayerText(String name, String description) {}

    public OverviewRefinement {
        layers = layers == null ? Map.of() : new TreeMap<>(layers);
        tour = tour == null ? List.of() : List.copyOf(tour);
        description = description == null ? "" : description;
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    boolean isEmpty() {
        return layers.isEmpty() && tour.isEmpty() && description.isBlank();
    }
}
