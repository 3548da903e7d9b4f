package dev.knowledgerouter.report;

import java.time.Instant;

/**
 * The headline numbers of a week, as a notification carries them: figures only, never the stored
 * questions a full report quotes, since a notification leaves for another service.
 *
 * @param thresholds what auto-tuning did: {@code applied}, {@code unchanged} or {@code off}
 */
public record WeeklySummary(
        String event,
        String week,
        Instant from,
        Instant to,
        String link,
        int interactions,
        double localShare,
        double localShareTarget,
        boolean localTargetMet,
        Double localSuccessRate,
        Double escalationRate,
        double claudeSpendUsd,
        double estimatedSavingUsd,
        Double averageRelevance,
        Double averageRelevanceTarget,
        Double failedCheckShare,
        String thresholds,
        String thresholdsNote) {
    public static final String EVENT = "kr.weekly_report";

    public static WeeklySummary of(WeeklyRun run, String link) {
        RoutingReport r = run.report();
        Trends t = r.trends();
        WeeklyRun.AutoTuning a = run.autoTuning();
        String thresholds = a == null || !a.enabled() ? "off" : a.applied() ? "applied" : "unchanged";
        return new WeeklySummary(
                EVENT,
                run.week(),
                r.from(),
                r.to(),
                link,
                r.totals().interactions(),
                r.totals().localShare(),
                r.totals().localTarget(),
                r.totals().localTargetMet(),
                r.rates().localFailureRate() == null
                        ? null
                        : TrendPoint.round(1 - r.rates().localFailureRate()),
                r.rates().escalationRate(),
                r.spend().costUsd(),
                r.spend().estimatedSavingUsd(),
                t == null ? null : t.averageRelevance().value(),
                t == null ? null : t.averageRelevance().target(),
                t == null ? null : t.current().failedCheckShare(),
                thresholds,
                a == null ? null : a.reason());
    }

    /** One message for a chat channel (Slack's incoming-webhook markup): the numbers, then the link. */
    public String chatText() {
        StringBuilder s = new StringBuilder();
        s.append("*Knowledge Router weekly report ")
                .append(week)
                .append("*: ")
                .append(interactions)
                .append(interactions == 1 ? " interaction" : " interactions")
                .append(", local share ")
                .append(ReportFormat.percent(localShare))
                .append(" (target ")
                .append(ReportFormat.percent(localShareTarget))
                .append(interactions == 0 ? ", not measured)" : localTargetMet ? ", met)" : ", not met)")
                .append(", local success ")
                .append(ReportFormat.percent(localSuccessRate))
                .append(", escalations ")
                .append(ReportFormat.percent(escalationRate))
                .append(", Claude ")
                .append(ReportFormat.money(claudeSpendUsd))
                .append(", estimated saving ")
                .append(ReportFormat.money(estimatedSavingUsd))
                .append(", average relevance ")
                .append(ReportFormat.relevance(averageRelevance));
        if (averageRelevanceTarget != null) {
            s.append(" (target ")
                    .append(ReportFormat.relevance(averageRelevanceTarget))
                    .append(')');
        }
        if (failedCheckShare != null) {
            s.append(", local answers that failed a check ").append(ReportFormat.percent(failedCheckShare));
        }
        s.append(". Thresholds: ").append(thresholds).append('.');
        if (link != null) {
            s.append(" <").append(link).append("|Open the report>");
        }
        return s.toString();
    }
}
