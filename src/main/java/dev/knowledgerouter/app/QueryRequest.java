package dev.knowledgerouter.app;

import java.util.Optional;

/**
 * A question to answer, optionally under a named routing profile, with a task type (critical types
 * escalate to Claude after one local failure; the profile name stands in when absent) and a
 * preference for Claude ({@code preferRemote}).
 */
public record QueryRequest(String query, Optional<String> profile, Optional<String> taskType, boolean preferRemote) {
    public QueryRequest(String query, Optional<String> profile) {
        this(query, profile, Optional.empty(), false);
    }

    public static QueryRequest of(String query) {
        return new QueryRequest(query, Optional.empty());
    }
}
