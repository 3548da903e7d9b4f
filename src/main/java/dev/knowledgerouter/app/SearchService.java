package dev.knowledgerouter.app;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import java.util.List;
import java.util.Optional;

/** Semantic search without answering: one collection, or every knowledge collection at once. */
public final class SearchService {
    public static final int MAX_K = 100;

    private final Embedder embedder;
    private final KnowledgeStore store;
    private final KnowledgeSearch search;

    public SearchService(Embedder embedder, KnowledgeStore store, KnowledgeSearch search) {
        this.embedder = embedder;
        this.store = store;
        this.search = search;
    }

    public List<SearchHit> search(String text, Optional<String> collection, int k) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("the search text is missing or empty; pass it as q, e.g. /v1/search?q=git+detached+head");
        }
        if (k < 1 || k > MAX_K) {
            throw new InvalidRequestException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        collection.ifPresent(store::collection);
        float[] vector = embedder.embed(text.strip(), Embedder.Purpose.QUERY);
        SearchRequest request = SearchRequest.of(collection.orElse(""), vector, k);
        return collection.isPresent() ? store.search(request) : search.searchAll(search.knowledgeCollections(), request);
    }
}
