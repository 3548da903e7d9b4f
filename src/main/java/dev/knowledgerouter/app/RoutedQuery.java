package dev.knowledgerouter.app;

import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.route.Decision;
import java.util.List;

/** A query after embedding, search and routing, before any model is called. */
public record RoutedQuery(
        String query,
        RoutingProfile profile,
        float[] vector,
        List<SearchHit> hits,
        Decision decision,
        long embedNanos,
        long searchNanos,
        long routeNanos) {}
