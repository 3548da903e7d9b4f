package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.Reuse;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.SearchHit;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Answers from the store when it already holds the answer: the best hit, among the knowledge hits
 * and the stored answers the request may see, is a curated entry ({@link Provenance#curated()}) or an
 * answer a model wrote and a user rated {@code good}, and its relevance is at or above the profile's
 * reuse bar. The answer is then that entry's, with status {@code reused} and its source, and no model
 * is called. A request that forced a route or asked for Claude is never answered this way.
 */
final class DirectReuse {
    /** The answer found, and the passage it came from (the response's context). */
    record Found(Answer answer, ContextPassage passage) {}

    private final KnowledgeStore store;

    DirectReuse(KnowledgeStore store) {
        this.store = store;
    }

    Optional<Found> find(RoutedQuery routed, QueryRequest request) {
        if (request.forced().isPresent() || request.preferRemote()) {
            return Optional.empty();
        }
        Optional<SearchHit> best = Stream.concat(
                        routed.hits().stream(), routed.history().stream().filter(DirectReuse::ratedGood))
                .max(Comparator.comparingDouble(SearchHit::score));
        if (best.isEmpty() || !routed.profile().reuses(best.get().score())) {
            return Optional.empty();
        }
        SearchHit hit = best.get();
        if (hit.collection().equals(CollectionCatalog.HISTORY)) {
            return ratedGood(hit) ? Optional.of(found(hit, Reuse.RATED_GOOD, routed)) : Optional.empty();
        }
        return Provenance.in(hit.payload()).curated()
                ? Optional.of(found(hit, Reuse.CURATED, routed))
                : Optional.empty();
    }

    /** An answer a model wrote, whose verdict in force is good. */
    static boolean ratedGood(SearchHit hit) {
        Object by = hit.payload().get("answered_by");
        return "good".equals(hit.payload().get("verdict")) && ("local".equals(by) || "remote".equals(by));
    }

    private Found found(SearchHit hit, String kind, RoutedQuery routed) {
        CollectionDefinition c = store.collection(hit.collection());
        ContextPassage passage = new ContextPassage(
                hit.collection(), hit.id(), hit.score(), c.titleOf(hit.payload()), c.answerOf(hit.payload()));
        String origin = kind.equals(Reuse.CURATED)
                ? "a curated entry (" + Provenance.in(hit.payload()).describe() + ")"
                : "an answer rated good (by " + hit.payload().get("model") + ")";
        String note = String.format(
                Locale.ROOT,
                "reused %s, %s: relevance %.3f is at or above the reuse bar %.2f of profile %s; no model was called",
                passage.reference(),
                origin,
                hit.score(),
                routed.profile().reuseAbove(),
                routed.profile().name());
        Reuse reuse = new Reuse(passage.reference(), kind, Math.round(hit.score() * 10_000) / 10_000.0);
        return new Found(Answer.reused(passage.answer(), note, reuse), passage);
    }
}
