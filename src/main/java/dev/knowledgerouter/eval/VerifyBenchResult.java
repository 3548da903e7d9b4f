package dev.knowledgerouter.eval;

import java.util.Map;

/**
 * The cost of checking answers: over {@code answers} answers, each checked {@code rounds} times after
 * a warm-up, the time of one full verdict (every check plus the score) at p50, p99 and worst, and
 * each check's own p99, in milliseconds.
 */
public record VerifyBenchResult(
        int answers, int rounds, int cores, double p50Ms, double p99Ms, double maxMs, Map<String, Double> checkP99Ms) {}
