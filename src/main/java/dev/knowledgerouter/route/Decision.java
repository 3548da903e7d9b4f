package dev.knowledgerouter.route;

import java.util.ArrayList;
import java.util.List;

/**
 * The router's choice and why: the relevance and complexity it saw, the profile, the rule that
 * admitted a local answer (-1 when none did) and the reasons in words.
 */
public record Decision(
        Target target,
        String profile,
        double relevance,
        Complexity complexity,
        int ruleIndex,
        String reason,
        List<String> reasons) {
    public Decision {
        reasons = List.copyOf(reasons);
    }

    /** This decision with {@code more} reasons after its own (none: this decision). */
    public Decision withReasons(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(reasons);
        all.addAll(more);
        return new Decision(target, profile, relevance, complexity, ruleIndex, reason, all);
    }
}
