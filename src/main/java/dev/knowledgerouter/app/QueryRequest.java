package dev.knowledgerouter.app;

import dev.knowledgerouter.route.ForcedRoute;
import java.util.Optional;

/**
 * A question to answer, optionally under a named routing profile, with a task type (critical types
 * escalate to Claude after one local failure; the profile name stands in when absent), a
 * preference for Claude ({@code preferRemote}) and, rarely, a route the caller forces instead of the
 * router's ({@code forced}: OpenAI clients naming {@code local}, {@code remote} or a model).
 */
public record QueryRequest(String query, Optional<String> profile, Optional<String> taskType, boolean preferRemote,
                           Optional<ForcedRoute> forced) {
    public QueryRequest(String query, Optional<String> profile, Optional<String> taskType, boolean preferRemote) {
        this(query, profile, taskType, preferRemote, Optional.empty());
    }

    public QueryRequest(String query, Optional<String> profile) {
        this(query, profile, Optional.empty(), false);
    }

    public static QueryRequest of(String query) {
        return new QueryRequest(query, Optional.empty());
    }

    public QueryRequest forcedTo(ForcedRoute route) {
        return new QueryRequest(query, profile, taskType, preferRemote, Optional.of(route));
    }
}
