package dev.knowledgerouter.code.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .gitignore} files in force at one directory, outermost first. A deeper file overrides a
 * shallower one, as in git, so the innermost file with an opinion on a path decides.
 */
record IgnoreRules(List<GitIgnore> layers) {
    static final IgnoreRules NONE = new IgnoreRules(List.of());

    IgnoreRules {
        layers = List.copyOf(layers);
    }

    IgnoreRules with(GitIgnore inner) {
        if (inner.isEmpty()) {
            return this;
        }
        List<GitIgnore> more = new ArrayList<>(layers);
        more.add(inner);
        return new IgnoreRules(more);
    }

    boolean ignores(String path, boolean directory) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            GitIgnore.Verdict verdict = layers.get(i).match(path, directory);
            if (verdict != GitIgnore.Verdict.NO_MATCH) {
                return verdict == GitIgnore.Verdict.IGNORED;
            }
        }
        return false;
    }
}
