package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.app.SearchService;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Provenance;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;

/** {@code search_knowledge}: semantic search over the knowledge collections, no model involved. */
final class SearchKnowledgeTool implements KrTool {
    static final String NAME = "search_knowledge";
    private static final int DEFAULT_K = 5;

    private final App app;
    private final List<String> collections;

    SearchKnowledgeTool(App app) {
        this.app = app;
        this.collections = app.catalog().ofKind(CollectionKind.KNOWLEDGE).stream()
                .map(CollectionDefinition::name)
                .toList();
    }

    /** {@code provenance}: where the entry came from (a seed file, add_knowledge, ...) and when. */
    record Hit(String collection, String id, double score, String title, String text, Provenance provenance) {}

    record Result(String query, List<Hit> hits) {}

    @Override
    public McpSchema.Tool definition() {
        return KrTool.define(
                NAME,
                "Search the team's knowledge base (known errors with root cause and fix, how-to patterns, best practices) "
                        + "by meaning and keywords. Use it first when an error or question looks like one seen before. "
                        + "Returns hits with collection, id, score (cosine, about 0.8 and up is a close match), title, "
                        + "text and provenance (where the entry came from: seed, add_knowledge, unknown; and when).",
                ToolSchema.object()
                        .text("query", "What to look for: an error message as printed, or a question.", true)
                        .choice(
                                "collection",
                                "Search one knowledge collection only; all of them when absent.",
                                collections,
                                false)
                        .integer("k", "How many hits", 1, SearchService.MAX_K, DEFAULT_K),
                KrTool.readOnly("Search the knowledge base"));
    }

    @Override
    public Object call(ToolArguments arguments) {
        String query = arguments.requiredText("query", "PKIX path building failed");
        Optional<String> collection = arguments.optionalChoice("collection", collections);
        int k = arguments.integer("k", 1, SearchService.MAX_K, DEFAULT_K);
        SearchResponse response = SearchResponse.of(query, app.searches().search(query, collection, k), app.store());
        return new Result(
                query,
                response.hits().stream()
                        .map(h -> new Hit(h.collection(), h.id(), h.score(), h.title(), h.text(), h.provenance()))
                        .toList());
    }
}
