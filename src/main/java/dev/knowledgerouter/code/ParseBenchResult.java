package dev.knowledgerouter.code;

import java.util.List;

/**
 * What {@code kr bench parse} measured: the start-up of its own process and each round of the parse phase.
 *
 * @param jvmToMainSeconds from the JVM's start to {@code main}
 * @param cliSetupSeconds from {@code main} to the first scan (command line, configuration)
 * @param totalSeconds from the JVM's start to the end of the first round
 * @param filesPerSecond the first round's files over its own time
 * @param filesPerSecondWithStartup the first round's files over {@code totalSeconds}
 * @param peakHeapMb the sum of the heap pools' peak occupancy over the whole run
 * @param treeSitterNatives which tree-sitter natives parsed: the optimised ones or the jar's own, and why
 */
public record ParseBenchResult(
        String root,
        int threads,
        int cores,
        double jvmToMainSeconds,
        double cliSetupSeconds,
        ParseRound first,
        ParseRound best,
        List<ParseRound> rounds,
        double totalSeconds,
        double filesPerSecond,
        double filesPerSecondWithStartup,
        long peakHeapMb,
        String treeSitterNatives) {
    public ParseBenchResult {
        rounds = List.copyOf(rounds);
    }
}
