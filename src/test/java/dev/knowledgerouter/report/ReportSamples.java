package dev.knowledgerouter.report;

import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.report.RoutingReport.Candidate;
import dev.knowledgerouter.report.RoutingReport.DayShares;
import dev.knowledgerouter.report.RoutingReport.OutcomeCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Reports to render: a realistic week, and a week in which nothing happened. */
final class ReportSamples {
    static final String HOSTILE_EXAMPLE =
            "Render <script>alert(1)</script> & \"quotes\" safely in a Thymeleaf template";
    static final String PIPE_EXAMPLE = "How do I set partition.assignment.strategy | cooperative-sticky in Kafka?";

    private static final Instant FROM = Instant.parse("2025-06-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-06-09T00:00:00Z");
    private static final Instant GENERATED = Instant.parse("2025-06-09T06:00:00Z");
    private static final List<LocalRule> CURRENT_RULES = List.of(new LocalRule(0.80, 6));
    private static final List<LocalRule> RECOMMENDED_RULES = List.of(new LocalRule(0.78, 7), new LocalRule(0.70, 4));

    private ReportSamples() {}

    /**
     * 412 interactions over 7 days: 294 local (71.4%, target 70% met), 101 remote, 17 retrieval; 301
     * conversations, 57 of them with more than one turn, the longest 9 turns.
     * The frontier has 15 measured candidates plus one that admitted nothing; the current rules
     * sit at 71% local / 92.1% success, the recommended ones at 77% / 90.3%.
     */
    static RoutingReport week() {
        int[][] days = {{41, 15, 3}, {45, 18, 2}, {38, 17, 4}, {44, 12, 1}, {47, 14, 3}, {39, 13, 2}, {40, 12, 2}};
        List<DayShares> daily = IntStream.range(0, days.length)
                .mapToObj(i -> new DayShares(LocalDate.of(2025, 6, 2).plusDays(i), days[i][0], days[i][1], days[i][2]))
                .toList();
        var totals = new RoutingReport.Totals(
                412,
                294,
                101,
                17,
                294 / 412.0,
                101 / 412.0,
                17 / 412.0,
                0.70,
                true,
                new RoutingReport.Conversations(301, 57, 9, 1.37));
        var routes = List.of(
                new RoutingReport.RouteStats("local", 294, 294 / 412.0, 0.862),
                new RoutingReport.RouteStats("remote", 101, 101 / 412.0, 0.713),
                new RoutingReport.RouteStats("retrieval", 17, 17 / 412.0, 0.931));
        var rates = new RoutingReport.Rates(318, 31, 31 / 318.0, 24, 24 / 318.0, 9, 9 / 412.0);
        var spend = new RoutingReport.Spend(
                125,
                1.8734,
                0.4123,
                294,
                "claude-sonnet-4-5 ($3.00 in / $15.00 out per million tokens)",
                "estimate: each local answer priced at the period's mean tokens per Claude call; local compute is not counted");
        var relevance = new RoutingReport.RelevanceHistogram(
                edges(),
                List.of(
                        new OutcomeCounts("success", List.of(2, 4, 7, 12, 20, 31, 45, 58, 62, 39)),
                        new OutcomeCounts("failure", List.of(6, 8, 9, 7, 5, 4, 3, 2, 1, 1)),
                        new OutcomeCounts("escalated", List.of(5, 6, 5, 4, 3, 2, 1, 1, 0, 0)),
                        new OutcomeCounts("pending", List.of(3, 5, 6, 8, 9, 10, 9, 6, 2, 1))));
        var clusters = List.of(
                new RoutingReport.FailureCluster(
                        14,
                        9,
                        9 / 14.0,
                        List.of(
                                PIPE_EXAMPLE,
                                "kafka consumer keeps hitting `max.poll.interval.ms` and rejoins the group",
                                "Why does my consumer rebalance every 5 minutes?")),
                new RoutingReport.FailureCluster(
                        8, 5, 5 / 8.0, List.of(HOSTILE_EXAMPLE, "escape HTML in a Javalin response")));
        List<Candidate> frontier = frontier();
        var tuning = new RoutingReport.Tuning(
                "default",
                0.90,
                50,
                412,
                318,
                frontier.get(9),
                frontier.get(11),
                frontier,
                true,
                "recommended: local share 77.0% (now 71.0%) at a local success rate of 90.3% (target 90%)");
        return new RoutingReport(
                GENERATED,
                FROM,
                TO,
                7,
                totals,
                routes,
                rates,
                new RoutingReport.FeedbackCounts(57, 12, 343),
                spend,
                daily,
                relevance,
                clusters,
                tuning);
    }

    /** A period without interactions: zero counts, null rates, empty lists and nothing recommended. */
    static RoutingReport empty() {
        var totals = new RoutingReport.Totals(
                0, 0, 0, 0, 0, 0, 0, 0.70, false, new RoutingReport.Conversations(0, 0, 0, null));
        var rates = new RoutingReport.Rates(0, 0, null, 0, null, 0, null);
        var spend =
                new RoutingReport.Spend(0, 0, 0, 0, "claude-sonnet-4-5 ($3.00 in / $15.00 out per million tokens)", "");
        var relevance = new RoutingReport.RelevanceHistogram(
                edges(),
                List.of(
                        new OutcomeCounts("success", zeros()), new OutcomeCounts("failure", zeros()),
                        new OutcomeCounts("escalated", zeros()), new OutcomeCounts("pending", zeros())));
        var tuning = new RoutingReport.Tuning(
                "default",
                0.90,
                50,
                0,
                0,
                new Candidate(CURRENT_RULES, 0, 0, 0, 0, null),
                null,
                List.of(),
                false,
                "no interactions in the period; nothing to tune");
        return new RoutingReport(
                GENERATED,
                FROM,
                TO,
                7,
                totals,
                List.of(),
                rates,
                new RoutingReport.FeedbackCounts(0, 0, 0),
                spend,
                List.of(),
                relevance,
                List.of(),
                tuning);
    }

    /** Bin edges 0.50, 0.55, ..., 1.00. */
    static List<Double> edges() {
        return IntStream.rangeClosed(0, 10)
                .mapToObj(i -> Math.round((0.50 + i * 0.05) * 100) / 100.0)
                .toList();
    }

    private static List<Integer> zeros() {
        return IntStream.range(0, 10).map(i -> 0).boxed().toList();
    }

    /** A candidate that admitted nothing (no success rate), then 15 trade-offs from 42% local at 98.5% success to 89% at 82.6%. */
    private static List<Candidate> frontier() {
        double[] shares = {0.42, 0.47, 0.51, 0.55, 0.58, 0.62, 0.65, 0.68, 0.71, 0.74, 0.77, 0.80, 0.83, 0.86, 0.89};
        double[] rates = {
            0.985, 0.978, 0.971, 0.964, 0.957, 0.948, 0.939, 0.930, 0.921, 0.912, 0.903, 0.887, 0.866, 0.848, 0.826
        };
        List<Candidate> frontier =
                new ArrayList<>(List.of(new Candidate(List.of(new LocalRule(0.95, 2)), 0, 0, 0, 0, null)));
        for (int i = 0; i < shares.length; i++) {
            List<LocalRule> rules = switch (i) {
                case 8 -> CURRENT_RULES;
                case 10 -> RECOMMENDED_RULES;
                default -> List.of(new LocalRule(Math.round((0.92 - i * 0.015) * 100) / 100.0, 3 + i / 2));
            };
            int admitted = (int) Math.round(shares[i] * 412);
            int known = (int) Math.round(admitted * 0.78);
            frontier.add(
                    new Candidate(rules, admitted, shares[i], known, (int) Math.round(known * rates[i]), rates[i]));
        }
        return frontier;
    }
}
