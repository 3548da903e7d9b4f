package dev.knowledgerouter.code.impact;

import java.util.List;

/**
 * What a change touches and what depends on it.
 *
 * @param files the diff's files, in git's order
 * @param changed the nodes whose lines changed (and the changed files' own nodes), distance 0
 * @param affected the nodes that depend on a changed node through {@code imports}, {@code calls}, {@code inherits}
 *     or {@code implements} edges, nearest first
 * @param tests the test files to run: those paired by {@code tested_by} with a changed or affected file, and test
 *     files among the changed and affected, nearest first
 */
public record Impact(
        List<ChangedFile> files, List<ImpactedNode> changed, List<ImpactedNode> affected, List<ImpactedNode> tests) {
    public Impact {
        files = List.copyOf(files);
        changed = List.copyOf(changed);
        affected = List.copyOf(affected);
        tests = List.copyOf(tests);
    }
}
