package dev.knowledgerouter.learn;

import java.util.List;
import java.util.Map;

/**
 * What a stored interaction says about the local route. A local answer that stood (not rated bad)
 * is a success; local attempts that all failed (the interaction escalated, or ended without a model
 * answer), or a local answer rated bad, are a failure. An interaction the local model never saw
 * says nothing about it.
 */
public enum LocalResult {
    SUCCEEDED,
    FAILED,
    UNTRIED;

    public static LocalResult of(Map<String, Object> payload) {
        boolean tried = payload.get("attempts") instanceof List<?> attempts
                && attempts.stream()
                        .anyMatch(a -> a instanceof Map<?, ?> m
                                && String.valueOf(m.get("model")).startsWith("ollama/"));
        if (!tried) {
            return UNTRIED;
        }
        boolean stood = "local".equals(payload.get("answered_by")) && !"failure".equals(payload.get("outcome"));
        return stood ? SUCCEEDED : FAILED;
    }
}
