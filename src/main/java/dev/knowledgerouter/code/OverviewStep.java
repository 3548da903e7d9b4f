package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.overview.Overview;
import dev.knowledgerouter.code.overview.OverviewRefinement;
import dev.knowledgerouter.code.overview.OverviewRefiner;
import dev.knowledgerouter.code.overview.ProjectOverview;
import dev.knowledgerouter.knowledge.Progress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The overview part of an analysis: layers, tour, frameworks and description from structure, then what the local
 * model wrote for them. The model is asked only with {@code --summaries local} and only when the structure changed
 * since it was last asked; its refinement is kept in the state and reused by later runs, with or without a model,
 * while the structure stays the same.
 */
final class OverviewStep {
    private final Optional<OverviewRefiner> refiner;

    OverviewStep(Optional<OverviewRefiner> refiner) {
        this.refiner = refiner;
    }

    /**
     * The overview, and the refinement to keep in the state.
     *
     * @param kept the refinement to store (absent when there is none for this structure)
     */
    record Outcome(Overview overview, Optional<OverviewRefinement> kept, List<String> failures) {}

    Outcome run(
            SummaryMode mode,
            Optional<OverviewRefinement> previous,
            List<GraphNode> nodes,
            List<GraphEdge> edges,
            List<String> languages,
            Function<String, String> textOf,
            Progress progress) {
        Overview structural = ProjectOverview.of(nodes, edges, languages, textOf);
        Optional<OverviewRefinement> reusable =
                previous.filter(r -> r.fingerprint().equals(structural.fingerprint()));
        boolean complete = reusable.map(r -> r.failures().isEmpty()).orElse(false);
        if (mode != SummaryMode.LOCAL || refiner.isEmpty() || complete) {
            return new Outcome(structural.with(reusable.orElse(null)), reusable, List.of());
        }
        progress.start("overview (" + refiner.get().modelName() + ")", 1);
        try {
            OverviewRefinement fresh = refiner.get().refine(structural, nodes, edges, textOf);
            return new Outcome(structural.with(fresh), Optional.of(fresh), fresh.failures());
        } finally {
            progress.advance(1);
            progress.done();
        }
    }
}
