package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.route.LearnedEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates from the interaction history how likely the local route is to succeed for a query:
 * its nearest stored interactions (same embedding space) are evidence when the local model was
 * tried on them ({@link LocalResult}).
 */
public final class OutcomeEstimator {
    /** How many times k neighbours a scope the store cannot filter reads, to find k of its own among other users'. */
    private static final int UNFILTERED_OVERFETCH = 4;

    private final KnowledgeStore store;
    private final LearningSettings settings;

    public OutcomeEstimator(KnowledgeStore store, LearningSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The stored interactions nearest the query, the one history search of a decision. */
    public List<SearchHit> nearest(float[] queryVector) {
        return nearest(queryVector, InteractionScope.everyone());
    }

    /**
     * The stored interactions nearest the query among those {@code scope} admits. A named user is selected
     * by the store's filter when the history collection declares {@code user} a filter field; otherwise (no
     * user, or an older collection definition) more neighbours are read and the others dropped.
     */
    public List<SearchHit> nearest(float[] queryVector, InteractionScope scope) {
        SearchRequest request = SearchRequest.of(CollectionCatalog.HISTORY, queryVector, settings.k())
                .withStaleness(settings.historyStaleness());
        if (scope.shared()) {
            return store.search(request);
        }
        Optional<String> user = scope.filterValue();
        boolean filtered = user.isPresent()
                && store.collection(CollectionCatalog.HISTORY).filterFields().contains(InteractionScope.USER);
        if (filtered) {
            return store.search(request.withFilter(InteractionScope.USER, user.get())).stream()
                    .filter(h -> scope.admits(h.payload()))
                    .toList();
        }
        return firstAdmitted(
                SearchRequest.of(CollectionCatalog.HISTORY, queryVector, settings.k() * UNFILTERED_OVERFETCH)
                        .withStaleness(settings.historyStaleness()),
                scope);
    }

    /**
     * The first k neighbours {@code scope} admits, read in rank order until k are found: where most neighbours
     * are admitted (a single-user install, whose requests name no user) that reads k interactions, not 4 x k.
     */
    private List<SearchHit> firstAdmitted(SearchRequest request, InteractionScope scope) {
        List<SearchHit> admitted = new ArrayList<>(settings.k());
        try (RankedHits ranked = store.rank(request)) {
            for (int i = 0; i < ranked.size() && admitted.size() < settings.k(); i++) {
                SearchHit hit = ranked.read(i);
                if (scope.admits(hit.payload())) {
                    admitted.add(hit);
                }
            }
        }
        return List.copyOf(admitted);
    }

    public LearnedEstimate estimate(float[] queryVector) {
        return estimate(nearest(queryVector));
    }

    /**
     * Past remote answers that may serve as knowledge: answered by Claude and not rated bad. A bad
     * verdict makes the outcome a failure, so it is excluded here for good.
     */
    public static List<SearchHit> reusableAnswers(List<SearchHit> nearest) {
        return nearest.stream()
                .filter(h -> "remote".equals(h.payload().get("answered_by"))
                        && !"failure".equals(h.payload().get("outcome"))
                        // A stream cut short is only part of an answer.
                        && !Answer.INTERRUPTED.equals(h.payload().get("status")))
                .toList();
    }

    public LearnedEstimate estimate(List<SearchHit> nearestInteractions) {
        List<SearchHit> neighbours = nearestInteractions.stream()
                .filter(h -> h.score() >= settings.minSimilarity())
                .toList();
        int successes = 0;
        int failures = 0;
        List<String> examples = new ArrayList<>();
        for (SearchHit h : neighbours) {
            Map<String, Object> p = h.payload();
            LocalResult local = LocalResult.of(p);
            if (local == LocalResult.UNTRIED) {
                continue;
            }
            boolean localSuccess = local == LocalResult.SUCCEEDED;
            if (localSuccess) {
                successes++;
            } else {
                failures++;
            }
            if (examples.size() < 3) {
                examples.add(String.format(
                        Locale.ROOT,
                        "'%s' (%s, %.2f)",
                        brief(String.valueOf(p.get("query"))),
                        localSuccess ? "local success" : "local failure",
                        h.score()));
            }
        }
        double p = (successes + 1.0) / (successes + failures + 2.0);
        return new LearnedEstimate(neighbours.size(), successes, failures, p, examples);
    }

    public LearningSettings settings() {
        return settings;
    }

    private static String brief(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 60 ? one.substring(0, 60) + "..." : one;
    }
}
