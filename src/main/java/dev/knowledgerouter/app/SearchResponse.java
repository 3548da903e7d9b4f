package dev.knowledgerouter.app;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.EntryContent;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.SearchHit;
import java.util.List;
import java.util.Map;

/** The wire shape of a search, shared by {@code GET /v1/search} and {@code kr search --json}. */
public record SearchResponse(String query, List<Hit> hits) {

    /**
     * {@code score} is the cosine; {@code rankScore} is what the hits are ordered by (cosine, BM25 or fused);
     * {@code payload} is the entry's content and {@code provenance} where it came from and when.
     */
    public record Hit(
            String collection,
            String id,
            double score,
            double rankScore,
            String title,
            String text,
            Map<String, Object> payload,
            Provenance provenance) {}

    public static SearchResponse of(String query, List<SearchHit> hits, KnowledgeStore store) {
        return new SearchResponse(
                query,
                hits.stream()
                        .map(h -> {
                            CollectionDefinition c = store.collection(h.collection());
                            return new Hit(
                                    h.collection(),
                                    h.id(),
                                    QueryResponse.round(h.score()),
                                    QueryResponse.round(h.rankScore()),
                                    c.titleOf(h.payload()),
                                    c.answerOf(h.payload()),
                                    EntryContent.of(h.payload()),
                                    Provenance.in(h.payload()));
                        })
                        .toList());
    }
}
