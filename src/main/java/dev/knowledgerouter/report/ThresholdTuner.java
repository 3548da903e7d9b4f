package dev.knowledgerouter.report;

import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.learn.LocalResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Replays a period's interactions under candidate thresholds and picks the rules that keep the most
 * queries local while the local success rate stays at or above the target.
 *
 * <p>Candidates are one rule ({@code relevance > r and complexity < c}) or a two-rule staircase
 * (a lower relevance bar for simpler queries), over relevance bars 0.50-0.95 in steps of 0.01 and
 * every complexity bound: about 47,000 candidates. Each is counted in constant time from
 * cumulative counts over a (bar, bound) grid, so tuning costs one pass over the history.
 *
 * <p>Among equal local shares the tuner prefers the higher success rate, then fewer rules, then the
 * higher relevance bars and tighter complexity bounds: the most cautious rules that do as well.
 *
 * <p>The success rate of a candidate is measured on the admitted interactions whose local outcome
 * is known (the local model was tried on them). Interactions only Claude saw do count toward the
 * local share, but say nothing about success; the report shows how many were known.
 */
public final class ThresholdTuner {
    static final double LOWEST_BAR = 0.50;
    static final int BARS = 46;
    static final int MAX_BOUND = 11;
    private static final int FRONTIER_POINTS = 40;

    private final double target;
    private final int minSample;

    public ThresholdTuner(double targetSuccessRate, int minSample) {
        this.target = targetSuccessRate;
        this.minSample = minSample;
    }

    public RoutingReport.Tuning tune(List<ReplayCase> cases, RoutingProfile current) {
        Grid grid = new Grid(cases);
        RoutingReport.Candidate now = replay(cases, current.localWhen());
        List<RoutingReport.Candidate> all = new ArrayList<>();
        for (int bar = 0; bar < BARS; bar++) {
            for (int bound = 2; bound <= MAX_BOUND; bound++) {
                all.add(grid.candidate(
                        List.of(new LocalRule(bar(bar), bound)),
                        grid.total(bar, bound),
                        grid.known(bar, bound),
                        grid.successes(bar, bound)));
                for (int lowBar = 0; lowBar < bar; lowBar++) {
                    for (int lowBound = 2; lowBound < bound; lowBound++) {
                        // Union of (bar, bound) and (lowBar, lowBound); their intersection is (bar, lowBound).
                        all.add(grid.candidate(
                                List.of(new LocalRule(bar(bar), bound), new LocalRule(bar(lowBar), lowBound)),
                                grid.total(bar, bound) + grid.total(lowBar, lowBound) - grid.total(bar, lowBound),
                                grid.known(bar, bound) + grid.known(lowBar, lowBound) - grid.known(bar, lowBound),
                                grid.successes(bar, bound)
                                        + grid.successes(lowBar, lowBound)
                                        - grid.successes(bar, lowBound)));
                    }
                }
            }
        }
        int known = (int)
                cases.stream().filter(c -> c.local() != LocalResult.UNTRIED).count();
        RoutingReport.Candidate best = all.stream()
                .filter(c -> c.known() >= minSample && c.successRate() != null && c.successRate() >= target)
                .max(Comparator.comparingDouble(RoutingReport.Candidate::localShare)
                        .thenComparingDouble(RoutingReport.Candidate::successRate)
                        .thenComparing(c -> -c.rules().size())
                        .thenComparingDouble(c -> c.rules().stream()
                                .mapToDouble(LocalRule::relevanceAbove)
                                .sum())
                        .thenComparingInt(c -> -c.rules().stream()
                                .mapToInt(LocalRule::complexityBelow)
                                .sum()))
                .orElse(null);
        boolean applicable = best != null && !best.rules().equals(current.localWhen());
        return new RoutingReport.Tuning(
                current.name(),
                target,
                minSample,
                cases.size(),
                known,
                now,
                best,
                frontier(all),
                applicable,
                verdict(cases.size(), known, now, best));
    }

    /** Replays any rule list exactly (used for the profile's current rules, which need not lie on the grid). */
    public static RoutingReport.Candidate replay(List<ReplayCase> cases, List<LocalRule> rules) {
        int admitted = 0;
        int known = 0;
        int successes = 0;
        for (ReplayCase c : cases) {
            if (rules.stream().anyMatch(r -> r.admits(c.relevance(), c.complexity()))) {
                admitted++;
                if (c.local() != LocalResult.UNTRIED) {
                    known++;
                    successes += c.local() == LocalResult.SUCCEEDED ? 1 : 0;
                }
            }
        }
        return candidate(rules, cases.size(), admitted, known, successes);
    }

    private String verdict(int interactions, int known, RoutingReport.Candidate now, RoutingReport.Candidate best) {
        if (interactions == 0) {
            return "no interactions in the period; nothing to tune";
        }
        if (known < minSample) {
            return String.format(
                    Locale.ROOT,
                    "too little evidence: %d interactions with a known local outcome, %d needed "
                            + "(learning.min_tuning_sample); thresholds are left as they are",
                    known,
                    minSample);
        }
        if (best == null) {
            return String.format(
                    Locale.ROOT,
                    "no candidate keeps the local success rate at %.0f%% on %d or more known outcomes; "
                            + "keep the current thresholds and look at the failing clusters",
                    target * 100,
                    minSample);
        }
        if (best.rules().equals(now.rules())) {
            return "the current thresholds are already the best found";
        }
        return String.format(
                Locale.ROOT,
                "recommended: local share %.1f%% (now %.1f%%) at a local success rate of %.1f%% (target %.0f%%)",
                best.localShare() * 100,
                now.localShare() * 100,
                best.successRate() * 100,
                target * 100);
    }

    /**
     * The best success rate reachable at each local share, keeping only candidates no other
     * candidate beats on both, thinned to a readable number of points.
     */
    private List<RoutingReport.Candidate> frontier(List<RoutingReport.Candidate> all) {
        List<RoutingReport.Candidate> measured = new ArrayList<>(all.stream()
                .filter(c -> c.successRate() != null && c.admitted() > 0)
                .toList());
        measured.sort(Comparator.comparingDouble(RoutingReport.Candidate::localShare)
                .reversed()
                .thenComparing(Comparator.comparingDouble(RoutingReport.Candidate::successRate)
                        .reversed()));
        List<RoutingReport.Candidate> pareto = new ArrayList<>();
        double bestRate = -1;
        for (RoutingReport.Candidate c : measured) {
            if (c.successRate() > bestRate) {
                pareto.add(c);
                bestRate = c.successRate();
            }
        }
        if (pareto.size() <= FRONTIER_POINTS) {
            return pareto.reversed();
        }
        List<RoutingReport.Candidate> thinned = new ArrayList<>();
        for (int i = 0; i < FRONTIER_POINTS; i++) {
            thinned.add(pareto.get((int) Math.round(i * (pareto.size() - 1) / (double) (FRONTIER_POINTS - 1))));
        }
        return thinned.reversed();
    }

    static double bar(int index) {
        return Math.round((LOWEST_BAR + index * 0.01) * 100) / 100.0;
    }

    private static RoutingReport.Candidate candidate(
            List<LocalRule> rules, int total, int admitted, int known, int successes) {
        return new RoutingReport.Candidate(
                rules,
                admitted,
                total == 0 ? 0 : admitted / (double) total,
                known,
                successes,
                known == 0 ? null : successes / (double) known);
    }

    /** Cumulative counts: cell (bar, bound) holds the cases with relevance above bar and complexity below bound. */
    private static final class Grid {
        private final int cases;
        private final int[][] total = new int[BARS][MAX_BOUND + 1];
        private final int[][] known = new int[BARS][MAX_BOUND + 1];
        private final int[][] successes = new int[BARS][MAX_BOUND + 1];

        Grid(List<ReplayCase> list) {
            this.cases = list.size();
            for (ReplayCase c : list) {
                for (int bar = 0; bar < BARS && c.relevance() > bar(bar); bar++) {
                    for (int bound = Math.max(c.complexity() + 1, 0); bound <= MAX_BOUND; bound++) {
                        total[bar][bound]++;
                        if (c.local() != LocalResult.UNTRIED) {
                            known[bar][bound]++;
                            successes[bar][bound] += c.local() == LocalResult.SUCCEEDED ? 1 : 0;
                        }
                    }
                }
            }
        }

        int total(int bar, int bound) {
            return total[bar][bound];
        }

        int known(int bar, int bound) {
            return known[bar][bound];
        }

        int successes(int bar, int bound) {
            return successes[bar][bound];
        }

        RoutingReport.Candidate candidate(List<LocalRule> rules, int admitted, int knownCount, int successCount) {
            return ThresholdTuner.candidate(rules, cases, admitted, knownCount, successCount);
        }
    }
}
