package dev.knowledgerouter.answer;

/**
 * One call to a model: which model, whether it produced an answer, the error when it did not, how
 * long it took, the tokens the API reported (null when it reported none), and what its prompt left out
 * to fit the model's window ({@code trimmed}, in words; null when the prompt was sent whole). An answer
 * the checks doubted is {@code DOUBTFUL}, its {@code error} saying why.
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
        FAILURE,
        /** The model answered, but the checks doubted the answer: it counts as a local failure. */
        DOUBTFUL
    }

    /** Whether the model produced an answer (trusted or not). */
    public boolean answered() {
        return outcome != Outcome.FAILURE;
    }

    Attempt doubted(String why) {
        return new Attempt(model, Outcome.DOUBTFUL, why, latencyMs, inputTokens, outputTokens, trimmed);
    }

    public Attempt(
            String model, Outcome outcome, String error, long latencyMs, Integer inputTokens, Integer outputTokens) {
        this(model, outcome, error, latencyMs, inputTokens, outputTokens, null);
    }
}
