package dev.knowledgerouter.app;

import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.SearchRequest;
import java.util.List;
import java.util.Optional;

/** Semantic search without answering: one collection, or every knowledge collection at once. */
public final class SearchService {
    public static final int MAX_K = 100;

    private final Embedder embedder;
    /** A code collection named by the caller is searched with the vectors of the model that filled it. */
    private final Embedder codeEmbedder;

    private final KnowledgeStore store;
    private final KnowledgeSearch search;
    private final int maxQueryChars;

    private final SearchMode mode;

    public SearchService(
            Embedder embedder,
            Embedder codeEmbedder,
            KnowledgeStore store,
            KnowledgeSearch search,
            int maxQueryChars,
            SearchMode mode) {
        this.embedder = embedder;
        this.codeEmbedder = codeEmbedder;
        this.store = store;
        this.search = search;
        this.maxQueryChars = maxQueryChars;
        this.mode = mode;
    }

    public List<SearchHit> search(String text, Optional<String> collection, int k) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(
                    "the search text is missing or empty; pass it as q, e.g. /v1/search?q=git+detached+head");
        }
        if (k < 1 || k > MAX_K) {
            throw new InvalidRequestException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        if (text.length() > maxQueryChars) {
            throw new InvalidRequestException(
                    "the search text has " + text.length() + " characters, more than the limit of " + maxQueryChars);
        }
        if (collection.isPresent() && store.collection(collection.get()).kind() == CollectionKind.HISTORY) {
            // Stored interactions are every user's questions and answers: not browsable through search.
            throw new InvalidRequestException(
                    "collection '" + collection.get() + "' holds stored interactions and is not searchable; search "
                            + String.join(", ", search.knowledgeCollections()));
        }
        String query = text.strip();
        boolean code =
                collection.isPresent() && store.collection(collection.get()).kind() == CollectionKind.CODE;
        float[] vector = (code ? codeEmbedder : embedder).embed(query, Embedder.Purpose.QUERY);
        return collection.isPresent()
                ? store.search(SearchRequest.of(collection.get(), vector, k).withText(query, mode))
                : search.searchAll(search.knowledgeCollections(), vector, query, mode, k);
    }
}
