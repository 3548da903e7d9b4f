package dev.knowledgerouter.app;

import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.route.Decision;
import java.util.List;

/**
 * A query after embedding, search and routing, before any model is called. {@code query} is what was routed
 * and searched: the last user message, or its standalone form when it followed up on the previous turn
 * ({@code StandaloneQuestion}); {@code message} the last user message as asked. {@code hits} are the knowledge
 * hits and reusable stored answers, best first; {@code history} the stored interactions nearest the query
 * that the request may see (its user's, or everyone's when shared).
 */
public record RoutedQuery(
        String query,
        RoutingProfile profile,
        float[] vector,
        List<SearchHit> hits,
        Decision decision,
        long embedNanos,
        long searchNanos,
        long routeNanos,
        List<SearchHit> history,
        String message) {}
