package dev.knowledgerouter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns week points into the report's trend lines: one line per figure over the archived weeks and
 * the current period. The failed-check line appears only once some week measured it (interactions
 * stored before the answer checks carry no verdict).
 */
final class TrendLines {
    /** The archived weeks a trend looks back over, besides the current period. */
    static final int WEEKS_BACK = 12;

    private TrendLines() {}

    /**
     * @param successFloor the local success rate the tuner keeps to ({@code routing.learning.target_success_rate})
     */
    static List<Trends.TrendLine> of(
            List<TrendPoint> points, double localShareTarget, double successFloor, double relevanceTarget) {
        List<Trends.TrendLine> lines = new ArrayList<>();
        lines.add(line(points, "local_share", "Local share", "share", TrendPoint::localShare, localShareTarget));
        lines.add(line(
                points,
                "local_success_rate",
                "Local success rate",
                "share",
                TrendPoint::localSuccessRate,
                successFloor));
        lines.add(line(points, "escalation_rate", "Escalation rate", "share", TrendPoint::escalationRate, null));
        lines.add(line(points, "claude_spend_usd", "Claude spend", "usd", TrendPoint::claudeSpendUsd, null));
        lines.add(
                line(points, "estimated_saving_usd", "Estimated saving", "usd", TrendPoint::estimatedSavingUsd, null));
        lines.add(line(
                points,
                "average_relevance",
                "Average relevance",
                "cosine",
                TrendPoint::averageRelevance,
                relevanceTarget));
        if (points.stream().map(TrendPoint::failedCheckShare).anyMatch(Objects::nonNull)) {
            lines.add(line(
                    points,
                    "failed_check_share",
                    "Failed a check (local)",
                    "share",
                    TrendPoint::failedCheckShare,
                    null));
        }
        return lines;
    }

    private static Trends.TrendLine line(
            List<TrendPoint> points,
            String metric,
            String label,
            String unit,
            Function<TrendPoint, Double> value,
            Double target) {
        // An ArrayList, not Stream.toList(): a week that did not measure the figure is a null value.
        List<Double> values = new ArrayList<>();
        points.forEach(p -> values.add(value.apply(p)));
        return new Trends.TrendLine(metric, label, unit, values, target);
    }
}
