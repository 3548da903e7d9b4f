package dev.knowledgerouter.app;

import java.util.Optional;

/** A question to answer, optionally under a named routing profile. */
public record QueryRequest(String query, Optional<String> profile) {
    public static QueryRequest of(String query) {
        return new QueryRequest(query, Optional.empty());
    }
}
