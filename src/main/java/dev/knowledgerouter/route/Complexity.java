package dev.knowledgerouter.route;

import java.util.List;

/** A 1-10 estimate of how hard a query is, with the signals that raised or lowered it. */
public record Complexity(int score, List<String> signals) {
    public static final int MIN = 1;
    public static final int MAX = 10;

    public Complexity {
        if (score < MIN || score > MAX) {
            throw new IllegalArgumentException("complexity must be 1-10, got " + score);
        }
        signals = List.copyOf(signals);
    }
}
