package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.Answer;
import java.util.List;
import java.util.Map;

/**
 * What a stored interaction says about the local route. A local answer that stood (not rated bad)
 * is a success; local attempts that all failed (the interaction escalated, or ended without a model
 * answer), a local answer rated bad, or one released {@code unverified} and not rated good, are a
 * failure. An interaction the local model never saw
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
        // An answer whose reader left mid-stream was never finished: no evidence either way.
        if (!tried || Answer.INTERRUPTED.equals(payload.get("status"))) {
            return UNTRIED;
        }
        boolean stood = "local".equals(payload.get("answered_by")) && !"failure".equals(payload.get("outcome"));
        // An answer the checks doubted and no one vouched for is no evidence that the local route works.
        boolean doubted = "unverified".equals(payload.get("status")) && !"good".equals(payload.get("verdict"));
        return stood && !doubted ? SUCCEEDED : FAILED;
    }
}
