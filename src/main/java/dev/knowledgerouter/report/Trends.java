package dev.knowledgerouter.report;

import dev.knowledgerouter.config.LocalRule;
import java.time.Instant;
import java.util.List;

/**
 * The period against the weeks before it: its own figures ({@code current}), its average relevance
 * against the target, one line per figure across the archived weeks and this period (oldest first,
 * this period last), and whether the last threshold change did what its replay predicted.
 *
 * @param week this period's ISO week, or {@code last N days} for a period that is not a week
 * @param weeks the x axis of every line: archived weeks, then {@code week}
 * @param lastChange null when no threshold change took effect shortly before or during the period
 */
public record Trends(
        String week,
        TrendPoint current,
        AverageRelevance averageRelevance,
        List<String> weeks,
        List<TrendLine> lines,
        ChangeCheck lastChange) {

    public Trends {
        weeks = List.copyOf(weeks);
        lines = List.copyOf(lines);
    }

    /**
     * The average best relevance of the period's queries (those that found anything) against the
     * target from {@code report.targets.average_relevance}; {@code met} is null when nothing was measured.
     */
    public record AverageRelevance(Double value, double target, Boolean met) {}

    /**
     * One figure week by week; a null value is a week that did not measure it.
     *
     * @param metric stable name, e.g. {@code local_share}
     * @param unit {@code share}, {@code usd} or {@code cosine}: how the values read
     * @param target the line the figure is held to, or null
     */
    public record TrendLine(String metric, String label, String unit, List<Double> values, Double target) {}

    /**
     * How the latest threshold change turned out in this period: what the replay predicted when it was
     * applied, and what the interactions routed under it since then measured.
     *
     * @param action {@code apply} or {@code revert}
     * @param measuredInteractions the period's interactions of the profile since the change
     * @param measuredKnown those with a known local outcome
     * @param held null when there is no prediction or too little evidence to tell
     */
    public record ChangeCheck(
            Instant at,
            String action,
            String profile,
            List<LocalRule> before,
            List<LocalRule> after,
            Double predictedLocalShare,
            Double predictedSuccessRate,
            int measuredInteractions,
            int measuredKnown,
            Double measuredLocalShare,
            Double measuredSuccessRate,
            Boolean held,
            String verdict) {}
}
