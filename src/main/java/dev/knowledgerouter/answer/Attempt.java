package dev.knowledgerouter.answer;

/**
 * One call to a model: which model, whether it produced an answer, the error when it did not, how
 * long it took, the tokens the API reported (null when it reported none), and what its prompt left out
 * to fit the model's window ({@code trimmed}, in words; null when the prompt was sent whole).
 */
public record Attempt(
        String model,
        Outcome outcome,
        String error,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        String trimmed) {
    public enum Outcome {
        SUCCESS,
        FAILURE
    }

    public Attempt(
            String model, Outcome outcome, String error, long latencyMs, Integer inputTokens, Integer outputTokens) {
        this(model, outcome, error, latencyMs, inputTokens, outputTokens, null);
    }
}
