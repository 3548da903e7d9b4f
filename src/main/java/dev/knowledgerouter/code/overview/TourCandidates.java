package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.TourStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files the model may build a tour from: the structural tour's stops first, then the most imported files of
 * each layer in turn, up to {@value #MAX_CANDIDATES}. A bounded list keeps the prompt small on a large repository.
 */
final class TourCandidates {
    static final int MAX_CANDIDATES = 40;

    private TourCandidates() {}

    static List<String> of(Overview overview, FileGraph files) {
        Set<String> chosen = new LinkedHashSet<>();
        for (TourStep step : overview.tour()) {
            step.nodeIds().stream().filter(id -> files.file(id) != null).forEach(chosen::add);
        }
        List<List<String>> ranked = new ArrayList<>();
        for (GraphLayer layer : overview.layers()) {
            ranked.add(layer.nodeIds().stream()
                    .filter(id -> files.file(id) != null)
                    .sorted(Comparator.comparingInt(
                                    (String id) -> -(2 * files.importers(id).size()
                                            + files.imports(id).size()))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList());
        }
        for (int round = 0; chosen.size() < MAX_CANDIDATES; round++) {
            boolean any = false;
            for (List<String> layer : ranked) {
                if (round < layer.size() && chosen.size() < MAX_CANDIDATES) {
                    chosen.add(layer.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return List.copyOf(chosen);
    }
}
