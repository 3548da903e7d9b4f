package dev.knowledgerouter.route;

import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.config.RoutingSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies a routing profile: local when any of its rules admits the relevance and complexity,
 * remote otherwise. Relevance is the best cosine over the knowledge collections.
 */
public final class Router {

    /** Replaced whole when tuning changes a profile, so a query reads one consistent set of rules. */
    private volatile RoutingSettings settings;

    public Router(RoutingSettings settings) {
        this.settings = settings;
    }

    public RoutingProfile profile(Optional<String> name) {
        RoutingSettings now = settings;
        String n = name.filter(s -> !s.isBlank()).orElse(now.defaultProfile());
        return now.profile(n)
                .orElseThrow(() -> new UnknownProfileException(n, now.profiles().keySet()));
    }

    /**
     * Routes with {@code profile}'s rules from the next query on: how thresholds that the weekly run
     * applied take effect without a restart.
     */
    public synchronized void replace(RoutingProfile profile) {
        // New rules only: the reuse bar, check threshold and task policy of the profile in use stay.
        RoutingProfile updated = settings.profile(profile.name())
                .map(p -> p.withRules(profile.localWhen()))
                .orElse(profile);
        settings = settings.withProfile(updated);
    }

    /**
     * @param relevance  best cosine over the knowledge collections, or -1 when nothing was found
     * @param bestMatch  where that score came from, e.g. {@code error-solutions/maven-pkix}, for the reasons
     */
    public Decision decide(
            double relevance, Optional<String> bestMatch, Complexity complexity, RoutingProfile profile) {
        return decide(relevance, bestMatch, complexity, profile, Optional.empty(), null);
    }

    /**
     * The static policy, then what similar past queries say: with enough local evidence, a low chance
     * of local success sends the query to Claude at once (no wasted local attempt), and a high one
     * keeps it local below the relevance bar, as long as the complexity is within the profile's widest rule.
     */
    public Decision decide(
            double relevance,
            Optional<String> bestMatch,
            Complexity complexity,
            RoutingProfile profile,
            Optional<LearnedEstimate> learned,
            LearningSettings learning) {
        Decision fixed = decideStatically(relevance, bestMatch, complexity, profile);
        if (learned.isEmpty() || learning == null) {
            return fixed;
        }
        LearnedEstimate e = learned.get();
        List<String> reasons = new ArrayList<>(fixed.reasons());
        if (e.evidence() < learning.minEvidence()) {
            reasons.add("learned: too little history (" + e.evidence() + " similar queries with local evidence, "
                    + learning.minEvidence() + " needed); static policy applies");
            return new Decision(
                    fixed.target(), fixed.profile(), relevance, complexity, fixed.ruleIndex(), fixed.reason(), reasons);
        }
        // Formatted only here: a decision with too little history, every decision of a new install, never shows it.
        String evidence = String.format(
                Locale.ROOT,
                "%d of %d similar past queries succeeded locally (p=%.2f)%s",
                e.localSuccesses(),
                e.evidence(),
                e.pLocalSuccess(),
                e.examples().isEmpty() ? "" : ": " + String.join(", ", e.examples()));
        int widest = profile.localWhen().stream()
                .mapToInt(LocalRule::complexityBelow)
                .max()
                .orElse(0);
        if (fixed.target() == Target.LOCAL && e.pLocalSuccess() < learning.failBelow()) {
            String reason = "learned: " + evidence + " -> remote, skipping a likely wasted local attempt";
            reasons.add(reason);
            return new Decision(Target.REMOTE, fixed.profile(), relevance, complexity, -1, reason, reasons);
        }
        if (fixed.target() == Target.REMOTE
                && e.pLocalSuccess() >= learning.succeedAbove()
                && complexity.score() < widest) {
            String reason = "learned: " + evidence + " -> local despite relevance " + fmt(relevance);
            reasons.add(reason);
            return new Decision(Target.LOCAL, fixed.profile(), relevance, complexity, -1, reason, reasons);
        }
        reasons.add("learned: " + evidence + "; agrees with the static policy");
        return new Decision(
                fixed.target(), fixed.profile(), relevance, complexity, fixed.ruleIndex(), fixed.reason(), reasons);
    }

    /**
     * The caller's route in place of the router's; relevance, complexity and the router's own reasons
     * are kept, so the stored interaction still says what the router would have done.
     */
    public Decision force(Decision routed, ForcedRoute forced) {
        String reason = "forced " + forced.describe() + " by the request; the router chose "
                + routed.target().wireName() + " (" + routed.reason() + ")";
        List<String> reasons = new ArrayList<>(routed.reasons());
        reasons.add(reason);
        int rule = forced.target() == routed.target() ? routed.ruleIndex() : -1;
        return new Decision(
                forced.target(), routed.profile(), routed.relevance(), routed.complexity(), rule, reason, reasons);
    }

    /**
     * The profile's policy for the query's task type over the router's choice: a {@code keep_local} type is
     * answered locally, a {@code remote} one by Claude, whatever relevance and complexity said; other types,
     * and queries with none, keep the router's choice. The reasons say which type and where it came from.
     */
    public Decision placeTask(Decision routed, Optional<TaskType> task, RoutingProfile profile) {
        if (task.isEmpty()) {
            return routed;
        }
        TaskType t = task.get();
        Optional<String> placement = profile.tasks().placement(t.name());
        if (placement.isEmpty()) {
            return routed.withReasons(List.of(t.describe() + ": profile " + profile.name()
                    + " has no policy for it; routed on relevance and complexity"));
        }
        Target target = placement.get().equals("local") ? Target.LOCAL : Target.REMOTE;
        String list = target == Target.LOCAL ? "keep_local" : "remote";
        if (target == routed.target()) {
            return routed.withReasons(
                    List.of(t.describe() + " is in profile " + profile.name() + "'s " + list + " list, as routed"));
        }
        String reason = t.describe() + " is in profile " + profile.name() + "'s " + list + " list -> "
                + target.wireName() + (target == Target.LOCAL ? " (the answer is still checked)" : "");
        List<String> reasons = new ArrayList<>(routed.reasons());
        reasons.add(reason);
        return new Decision(target, routed.profile(), routed.relevance(), routed.complexity(), -1, reason, reasons);
    }

    private Decision decideStatically(
            double relevance, Optional<String> bestMatch, Complexity complexity, RoutingProfile profile) {
        List<String> reasons = new ArrayList<>();
        String shown = fmt(relevance);
        reasons.add(bestMatch
                .map(m -> "relevance " + shown + " from " + m)
                .orElseGet(() -> "no stored knowledge matched (relevance " + shown + ")"));
        reasons.add("complexity " + complexity.score()
                + (complexity.signals().isEmpty() ? "" : " (" + String.join(", ", complexity.signals()) + ")"));
        List<LocalRule> rules = profile.localWhen();
        for (int i = 0; i < rules.size(); i++) {
            LocalRule r = rules.get(i);
            if (r.admits(relevance, complexity.score())) {
                String reason = "profile " + profile.name() + " rule " + (i + 1) + ": relevance " + shown
                        + " > " + fmt(r.relevanceAbove()) + " and complexity " + complexity.score() + " < "
                        + r.complexityBelow() + " -> local";
                reasons.add(reason);
                return new Decision(Target.LOCAL, profile.name(), relevance, complexity, i, reason, reasons);
            }
        }
        String reason = "profile " + profile.name() + ": no local rule admits relevance " + shown + " with complexity "
                + complexity.score() + " (rules: " + describe(rules) + ") -> remote";
        reasons.add(reason);
        return new Decision(Target.REMOTE, profile.name(), relevance, complexity, -1, reason, reasons);
    }

    private static String describe(List<LocalRule> rules) {
        if (rules.isEmpty()) {
            return "none";
        }
        return String.join(
                "; ",
                rules.stream()
                        .map(r -> "> " + fmt(r.relevanceAbove()) + " & < " + r.complexityBelow())
                        .toList());
    }

    /**
     * {@code d} to three decimals without trailing zeros ("0.5", "1.0", "0.734"): what {@code %.3f} rounds to (half
     * up, on the shortest decimal that names the double), written without a formatter because every decision's
     * reasons carry several of these.
     */
    static String fmt(double d) {
        if (!Double.isFinite(d)) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        BigDecimal rounded = new BigDecimal(Double.toString(d)).setScale(3, RoundingMode.HALF_UP);
        String fixed = rounded.toPlainString();
        if (rounded.signum() == 0 && Double.doubleToRawLongBits(d) < 0) {
            fixed = "-" + fixed;
        }
        int end = fixed.length();
        while (fixed.charAt(end - 1) == '0') {
            end--;
        }
        return fixed.charAt(end - 1) == '.' ? fixed.substring(0, end) + "0" : fixed.substring(0, end);
    }
}
