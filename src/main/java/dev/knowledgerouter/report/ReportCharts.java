package dev.knowledgerouter.report;

import dev.knowledgerouter.report.RoutingReport.Candidate;
import dev.knowledgerouter.report.RoutingReport.DayShares;
import dev.knowledgerouter.report.RoutingReport.OutcomeCounts;
import dev.knowledgerouter.report.RoutingReport.RelevanceHistogram;
import dev.knowledgerouter.report.RoutingReport.Tuning;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's three charts: which of its numbers go where, and in which colour. */
final class ReportCharts {
    /** One colour per route, the same in every chart and table swatch. */
    static final String LOCAL = "#16a34a";

    static final String REMOTE = "#4f46e5";
    static final String RETRIEVAL = "#9ca3af";
    static final String NO_DATA = "no data in this period";

    private static final String TARGET = "#b91c1c";
    private static final String FRONTIER = "#64748b";
    private static final String CURRENT = "#1f2937";
    private static final Map<String, String> OUTCOMES =
            Map.of("success", "#0d9488", "failure", "#dc2626", "escalated", "#d97706", "pending", "#0ea5e9");
    private static final List<String> OTHER_OUTCOMES = List.of("#db2777", "#84cc16", "#78716c");

    private ReportCharts() {}

    static String routeSharesPerDay(RoutingReport r) {
        double target = r.totals().localTarget();
        String title = "Route shares per day";
        String description =
                "Stacked bars: the share of each day's interactions answered locally, by Claude and by retrieval alone; "
                        + "dashed line: the local target of " + ReportFormat.percent(target);
        List<DayShares> days = r.daily() == null ? List.of() : r.daily();
        if (days.stream().mapToInt(ReportCharts::total).sum() == 0) {
            return SvgChart.empty(title, description, NO_DATA);
        }
        List<String> labels = days.stream()
                .map(d -> d.day().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " "
                        + d.day().toString().substring(5))
                .toList();
        SvgChart chart = new SvgChart(title, description)
                .domain(0, days.size(), 0, 1)
                .yAxis(SvgChart.ticks(0, 1, 4), ReportCharts::wholePercent, "share of interactions")
                .xBands(labels, "day (UTC)");
        for (int i = 0; i < days.size(); i++) {
            DayShares d = days.get(i);
            double total = total(d);
            if (total == 0) {
                continue;
            }
            double base = 0;
            int[] counts = {d.local(), d.remote(), d.retrieval()};
            String[] colours = {LOCAL, REMOTE, RETRIEVAL};
            String[] names = {"local", "remote", "retrieval"};
            for (int k = 0; k < counts.length; k++) {
                double share = counts[k] / total;
                if (share > 0) {
                    chart.bar(
                            i + 0.18,
                            i + 0.82,
                            base,
                            base + share,
                            colours[k],
                            labels.get(i) + ": " + names[k] + " " + counts[k] + " of " + (int) total + " ("
                                    + ReportFormat.percent(share) + ")");
                }
                base += share;
            }
        }
        return chart.referenceLine(target, TARGET, "local target " + ReportFormat.percent(target), "target-line")
                .legend(List.of(
                        new SvgChart.Key("local", LOCAL),
                        new SvgChart.Key("remote (Claude)", REMOTE),
                        new SvgChart.Key("retrieval only", RETRIEVAL)))
                .render();
    }

    static String relevanceByOutcome(RoutingReport r) {
        String title = "Relevance by outcome";
        String description = "Lines: how many interactions fell in each relevance bin, one line per outcome";
        RelevanceHistogram h = r.relevance();
        List<Double> edges = h == null || h.edges() == null ? List.of() : h.edges();
        List<OutcomeCounts> outcomes = h == null || h.byOutcome() == null ? List.of() : h.byOutcome();
        int bins = edges.size() - 1;
        int highest = outcomes.stream()
                .flatMap(o -> o.counts().stream())
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        if (bins < 1 || highest == 0) {
            return SvgChart.empty(title, description, NO_DATA);
        }
        List<Double> yTicks = SvgChart.countTicks(highest, 5);
        List<Double> xTicks = bins <= 12 ? edges : SvgChart.ticks(edges.getFirst(), edges.getLast(), 10);
        SvgChart chart = new SvgChart(title, description)
                .domain(edges.getFirst(), edges.getLast(), 0, yTicks.getLast())
                .yAxis(yTicks, v -> String.format(Locale.ROOT, "%.0f", v), "interactions")
                .xAxis(
                        xTicks,
                        v -> String.format(Locale.ROOT, "%.2f", v),
                        "relevance (cosine similarity to the best knowledge entry)");
        List<SvgChart.Key> keys = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            OutcomeCounts o = outcomes.get(k);
            String name = o.outcome() == null ? "unknown" : o.outcome();
            String colour = OUTCOMES.getOrDefault(name, OTHER_OUTCOMES.get(k % OTHER_OUTCOMES.size()));
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < bins; i++) {
                // A short count list means the missing bins were empty.
                int count = i < o.counts().size() ? o.counts().get(i) : 0;
                points.add(new double[] {(edges.get(i) + edges.get(i + 1)) / 2, count});
            }
            chart.polyline(points, colour, "outcome");
            for (int i = 0; i < bins; i++) {
                chart.dot(
                        points.get(i)[0],
                        points.get(i)[1],
                        3,
                        colour,
                        colour,
                        "outcome-point",
                        String.format(
                                Locale.ROOT, "%s, relevance %.2f–%.2f: %d", name, edges.get(i), edges.get(i + 1), (int)
                                        points.get(i)[1]));
            }
            keys.add(new SvgChart.Key(name, colour));
        }
        return chart.legend(keys).render();
    }

    static String tuningFrontier(RoutingReport r) {
        Tuning t = r.tuning();
        String title = "Threshold tuning frontier";
        String description = "Scatter: replayed local share against local success rate for the best candidate rules, "
                + "with the current and recommended rules marked; dashed line: the target success rate";
        List<Candidate> frontier = t == null || t.frontier() == null
                ? List.of()
                : t.frontier().stream()
                        .filter(c -> c.successRate() != null)
                        .sorted(Comparator.comparingDouble(Candidate::localShare))
                        .toList();
        Candidate current = measured(t == null ? null : t.current());
        Candidate recommended = measured(t == null ? null : t.recommended());
        List<Candidate> all = new ArrayList<>(frontier);
        if (current != null) {
            all.add(current);
        }
        if (recommended != null) {
            all.add(recommended);
        }
        if (all.isEmpty()) {
            return SvgChart.empty(title, description, NO_DATA);
        }
        double target = t.targetSuccessRate();
        // Fit the plot to the candidates with some air, in whole tenths so the ticks stay round.
        double xLow = Math.max(
                0,
                Math.floor((all.stream()
                                                .mapToDouble(Candidate::localShare)
                                                .min()
                                                .orElseThrow()
                                        - 0.05)
                                * 10)
                        / 10);
        double xHigh = Math.min(
                1,
                Math.ceil((all.stream().mapToDouble(Candidate::localShare).max().orElseThrow() + 0.05) * 10) / 10);
        double lowestRate = Math.min(
                target, all.stream().mapToDouble(Candidate::successRate).min().orElseThrow());
        double yLow = Math.max(0, Math.floor((lowestRate - 0.02) * 10) / 10);
        SvgChart chart = new SvgChart(title, description)
                .domain(xLow, xHigh, yLow, 1)
                .yAxis(SvgChart.ticks(yLow, 1, 5), ReportCharts::wholePercent, "local success rate")
                .xAxis(
                        SvgChart.ticks(xLow, xHigh, 7),
                        ReportCharts::wholePercent,
                        "local share (replayed over the period)")
                .referenceLine(target, TARGET, "target " + ReportFormat.percent(target), "target-line");
        if (!frontier.isEmpty()) {
            chart.polyline(
                    frontier.stream()
                            .map(c -> new double[] {c.localShare(), c.successRate()})
                            .toList(),
                    FRONTIER,
                    "frontier");
            frontier.forEach(c -> chart.dot(
                    c.localShare(),
                    c.successRate(),
                    3.5,
                    FRONTIER,
                    FRONTIER,
                    "frontier-point",
                    tooltip("candidate", c)));
        }
        // The frontier falls to the right, so below-left and above-right of a point are clear for labels.
        boolean same = current != null && recommended != null && current.rules().equals(recommended.rules());
        if (current != null) {
            chart.dot(
                            current.localShare(),
                            current.successRate(),
                            7,
                            null,
                            CURRENT,
                            "marker-current",
                            tooltip("current", current))
                    .note(
                            current.localShare(),
                            current.successRate(),
                            -10,
                            20,
                            same ? "current = recommended" : "current",
                            "marker-current-label");
        }
        if (recommended != null) {
            chart.dot(
                    recommended.localShare(),
                    recommended.successRate(),
                    6,
                    LOCAL,
                    CURRENT,
                    "marker-recommended",
                    tooltip("recommended", recommended));
            if (!same) {
                chart.note(
                        recommended.localShare(),
                        recommended.successRate(),
                        10,
                        -12,
                        "recommended",
                        "marker-recommended-label");
            }
        }
        return chart.legend(List.of(
                        new SvgChart.Key("frontier", FRONTIER),
                        new SvgChart.Key("current rules (ring)", CURRENT),
                        new SvgChart.Key("recommended", LOCAL),
                        new SvgChart.Key("target", TARGET)))
                .render();
    }

    private static Candidate measured(Candidate c) {
        return c == null || c.successRate() == null ? null : c;
    }

    private static String tooltip(String what, Candidate c) {
        return what + ": " + ReportFormat.rules(c.rules()) + "; local share " + ReportFormat.percent(c.localShare())
                + ", success " + ReportFormat.percent(c.successRate()) + " of " + c.known() + " known";
    }

    private static String wholePercent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static int total(DayShares d) {
        return d.local() + d.remote() + d.retrieval();
    }
}
