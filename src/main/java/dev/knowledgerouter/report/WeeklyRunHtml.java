package dev.knowledgerouter.report;

import static dev.knowledgerouter.report.Xml.escape;

/**
 * An archived week as one self-contained page: the report, then what the scheduled run did with it
 * (auto-tuning) and how its notifications went.
 */
final class WeeklyRunHtml {
    private WeeklyRunHtml() {}

    static String render(WeeklyRun run) {
        StringBuilder appendix = new StringBuilder();
        appendix.append("<h2>Scheduled run</h2>\n<p>Week <strong>")
                .append(escape(run.week()))
                .append("</strong>, run ")
                .append(escape(ReportFormat.time(run.ranAt())))
                .append(
                        WeeklyRun.CATCH_UP.equals(run.trigger())
                                ? " at start-up, making up a run missed while the server was down"
                                : " on schedule")
                .append(".</p>\n");
        autoTuning(appendix, run.autoTuning());
        notifications(appendix, run);
        return HtmlReport.render(run.report(), appendix.toString());
    }

    private static void autoTuning(StringBuilder html, WeeklyRun.AutoTuning a) {
        html.append("<h3>Auto-tuning</h3>\n<p>");
        if (a == null) {
            html.append(ReportFormat.NONE);
        } else if (a.applied() && a.change() != null) {
            TuningChange c = a.change();
            html.append("<strong>Applied</strong> to profile <strong>")
                    .append(escape(c.profile()))
                    .append("</strong>: ")
                    .append(escape(ReportFormat.rules(c.before())))
                    .append(" → ")
                    .append(escape(ReportFormat.rules(c.after())))
                    .append(". ")
                    .append(escape(a.reason()))
                    .append(" <code>kr report --revert</code> restores the previous rules.");
        } else {
            html.append(a.enabled() ? "Not applied: " : "Off (<code>routing.auto_apply</code>): ")
                    .append(escape(a.reason()));
        }
        html.append("</p>\n");
    }

    private static void notifications(StringBuilder html, WeeklyRun run) {
        html.append("<h3>Notifications</h3>\n");
        if (run.notifications().isEmpty()) {
            html.append("<p>None configured (<code>report.notify</code>), or not sent yet.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Target</th><th>Result</th><th class=\"num\">Attempts</th></tr>\n");
        for (WeeklyRun.Delivery d : run.notifications()) {
            html.append("<tr><td>")
                    .append(escape(d.target()))
                    .append("</td><td>")
                    .append(
                            d.delivered()
                                    ? "delivered" + (d.status() == null ? "" : " (HTTP " + d.status() + ")")
                                    : "<strong>failed</strong>: " + escape(d.error()))
                    .append("</td><td class=\"num\">")
                    .append(d.attempts())
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
