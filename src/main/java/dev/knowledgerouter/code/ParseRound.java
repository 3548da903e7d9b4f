package dev.knowledgerouter.code;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass of the parse phase of {@code kr analyze} over a repository: what it found and how long each step took.
 *
 * @param filesByLanguage files per language (lower-case names, as {@code Language} spells them), by name
 * @param graphSeconds resolving and building the graph, describing its nodes, the structural overview and the
 *     project metadata
 * @param validateSeconds validating the graph (written out, validated and read back only when it does not already
 *     conform)
 */
public record ParseRound(
        int round,
        int files,
        Map<String, Integer> filesByLanguage,
        int nodes,
        int edges,
        int corrections,
        double scanSeconds,
        double parseSeconds,
        double graphSeconds,
        double validateSeconds) {
    public ParseRound {
        filesByLanguage = Collections.unmodifiableMap(new TreeMap<>(filesByLanguage));
    }

    public double seconds() {
        return scanSeconds + parseSeconds + graphSeconds + validateSeconds;
    }

    public double filesPerSecond() {
        return seconds() > 0 ? files / seconds() : 0;
    }
}
