package dev.knowledgerouter.answer;

/**
 * One call to a model: which model, whether it produced an answer, the error when it did not, how
 * long it took and the tokens the API reported (null when it reported none).
 */
public record Attempt(
        String model, Outcome outcome, String error, long latencyMs, Integer inputTokens, Integer outputTokens) {
    public enum Outcome {
        SUCCESS,
        FAILURE
    }
}
