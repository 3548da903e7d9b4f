package dev.knowledgerouter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * The week-over-week charts of the report's trends: shares and rates on one scale, the average
 * relevance against its target on its own, and money on its own. A week that did not measure a
 * figure leaves a gap in its line rather than a drop to zero.
 */
final class TrendCharts {
    private static final Map<String, String> COLOURS = Map.of(
            "local_share", ReportCharts.LOCAL,
            "local_success_rate", "#0d9488",
            "escalation_rate", "#d97706",
            "failed_check_share", "#dc2626",
            "average_relevance", ReportCharts.REMOTE,
            "claude_spend_usd", ReportCharts.REMOTE,
            "estimated_saving_usd", ReportCharts.LOCAL);
    private static final String TARGET = "#b91c1c";
    private static final String NO_WEEKS = "no weeks to compare";

    private TrendCharts() {}

    static String shares(Trends t) {
        List<Trends.TrendLine> lines = lines(t, "share");
        String description = "Lines: week by week, " + String.join(", ", labels(lines))
                + "; dashed: the local target and the local success floor";
        if (lines.isEmpty()) {
            return SvgChart.empty("Shares and rates, week over week", description, NO_WEEKS);
        }
        SvgChart chart = chart("Shares and rates, week over week", description, t.weeks(), 0, 1)
                .yAxis(SvgChart.ticks(0, 1, 4), TrendCharts::wholePercent, "share");
        for (Trends.TrendLine line : lines) {
            if (line.target() != null) {
                chart.referenceLine(
                        line.target(),
                        COLOURS.getOrDefault(line.metric(), TARGET),
                        targetLabel(line),
                        "target-" + line.metric());
            }
        }
        draw(chart, t.weeks(), lines, ReportFormat::percent);
        return chart.legend(keys(lines)).render();
    }

    static String relevance(Trends t) {
        List<Trends.TrendLine> lines = lines(t, "cosine");
        String description = "Line: the average best relevance of each week's queries; dashed: the target";
        if (lines.isEmpty() || values(lines).isEmpty()) {
            return SvgChart.empty("Average relevance, week over week", description, NO_WEEKS);
        }
        List<Double> all = new ArrayList<>(values(lines));
        lines.stream().map(Trends.TrendLine::target).filter(Objects::nonNull).forEach(all::add);
        double low =
                Math.max(0, Math.floor((all.stream().mapToDouble(d -> d).min().orElseThrow() - 0.05) * 10) / 10);
        double high =
                Math.min(1, Math.ceil((all.stream().mapToDouble(d -> d).max().orElseThrow() + 0.05) * 10) / 10);
        SvgChart chart = chart("Average relevance, week over week", description, t.weeks(), low, high)
                .yAxis(SvgChart.ticks(low, high, 5), v -> String.format(Locale.ROOT, "%.2f", v), "cosine");
        for (Trends.TrendLine line : lines) {
            if (line.target() != null) {
                chart.referenceLine(line.target(), TARGET, targetLabel(line), "target-" + line.metric());
            }
        }
        draw(chart, t.weeks(), lines, ReportFormat::relevance);
        return chart.legend(keys(lines)).render();
    }

    static String money(Trends t) {
        List<Trends.TrendLine> lines = lines(t, "usd");
        String description = "Lines: week by week, what Claude cost and what the local answers saved (estimated)";
        if (lines.isEmpty() || values(lines).isEmpty()) {
            return SvgChart.empty("Spend and saving, week over week", description, NO_WEEKS);
        }
        double top = SvgChart.niceCeiling(
                values(lines).stream().mapToDouble(d -> d).max().orElse(0), 4);
        SvgChart chart = chart("Spend and saving, week over week", description, t.weeks(), 0, top)
                .yAxis(SvgChart.ticks(0, top, 4), ReportFormat::money, "USD");
        draw(chart, t.weeks(), lines, ReportFormat::money);
        return chart.legend(keys(lines)).render();
    }

    private static SvgChart chart(String title, String description, List<String> weeks, double yLow, double yHigh) {
        return new SvgChart(title, description)
                .domain(0, weeks.size(), yLow, yHigh)
                .xBands(weeks, "ISO week");
    }

    /** Each line as runs of measured weeks joined by a line, with a dot (and its value on hover) per week. */
    private static void draw(
            SvgChart chart, List<String> weeks, List<Trends.TrendLine> lines, DoubleFunction<String> format) {
        for (Trends.TrendLine line : lines) {
            String colour = COLOURS.getOrDefault(line.metric(), ReportCharts.RETRIEVAL);
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= line.values().size(); i++) {
                Double value = i < line.values().size() ? line.values().get(i) : null;
                if (value == null) {
                    if (run.size() > 1) {
                        chart.polyline(run, colour, "trend-" + line.metric());
                    }
                    run = new ArrayList<>();
                    continue;
                }
                run.add(new double[] {i + 0.5, value});
                chart.dot(
                        i + 0.5,
                        value,
                        3.5,
                        colour,
                        colour,
                        "trend-point",
                        weeks.get(i) + ": " + line.label() + " " + format.apply(value));
            }
        }
    }

    private static List<Trends.TrendLine> lines(Trends t, String unit) {
        return t == null
                ? List.of()
                : t.lines().stream().filter(l -> unit.equals(l.unit())).toList();
    }

    private static List<Double> values(List<Trends.TrendLine> lines) {
        return lines.stream()
                .flatMap(l -> l.values().stream())
                .filter(Objects::nonNull)
                .toList();
    }

    private static List<String> labels(List<Trends.TrendLine> lines) {
        return lines.stream().map(l -> l.label().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<SvgChart.Key> keys(List<Trends.TrendLine> lines) {
        return lines.stream()
                .map(l -> new SvgChart.Key(
                        l.label().toLowerCase(Locale.ROOT), COLOURS.getOrDefault(l.metric(), ReportCharts.RETRIEVAL)))
                .toList();
    }

    private static String targetLabel(Trends.TrendLine line) {
        String value = "cosine".equals(line.unit())
                ? ReportFormat.relevance(line.target())
                : ReportFormat.percent(line.target());
        return line.label().toLowerCase(Locale.ROOT) + " target " + value;
    }

    private static String wholePercent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
