package dev.knowledgerouter.report;

import java.time.Instant;
import java.util.List;

/**
 * One scheduled run of the weekly report as the archive keeps it: the report, what auto-tuning did
 * with it, and how each notification went.
 *
 * @param trigger {@code schedule} (on time) or {@code catch-up} (a run missed while the server was down)
 */
public record WeeklyRun(
        String week,
        String trigger,
        Instant ranAt,
        RoutingReport report,
        AutoTuning autoTuning,
        List<Delivery> notifications) {
    public static final String SCHEDULE = "schedule";
    public static final String CATCH_UP = "catch-up";

    public WeeklyRun {
        notifications = List.copyOf(notifications);
    }

    public WeeklyRun withNotifications(List<Delivery> deliveries) {
        return new WeeklyRun(week, trigger, ranAt, report, autoTuning, deliveries);
    }

    /**
     * Whether the tuned thresholds were applied, and why or why not.
     *
     * @param enabled {@code routing.auto_apply}
     * @param change the change written, when one was
     */
    public record AutoTuning(boolean enabled, boolean applied, String reason, TuningChange change) {}

    /**
     * One notification target: delivered or not, after how many attempts, and the last HTTP status or
     * error. {@code target} names the kind and the environment variable, never the URL.
     */
    public record Delivery(String target, boolean delivered, int attempts, Integer status, String error) {}
}
