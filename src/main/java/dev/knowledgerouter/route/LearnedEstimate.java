package dev.knowledgerouter.route;

import java.util.List;

/**
 * What similar past queries say about the local route: how many neighbours carried local evidence,
 * how many of those the local model answered well, and the smoothed chance it succeeds again
 * ({@code (successes + 1) / (evidence + 2)}). {@code examples} name the neighbours, for the reasons.
 */
public record LearnedEstimate(
        int neighbours, int localSuccesses, int localFailures, double pLocalSuccess, List<String> examples) {
    public LearnedEstimate {
        examples = List.copyOf(examples);
    }

    public int evidence() {
        return localSuccesses + localFailures;
    }
}
