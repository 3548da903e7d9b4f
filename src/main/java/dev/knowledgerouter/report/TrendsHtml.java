package dev.knowledgerouter.report;

import static dev.knowledgerouter.report.Xml.escape;

/** The trends section of the HTML report: the targets, the last change, three charts and the weeks in a table. */
final class TrendsHtml {
    private TrendsHtml() {}

    static void append(StringBuilder html, Trends t) {
        if (t == null) {
            return;
        }
        html.append("<h2>Trends</h2>\n<p>")
                .append(TrendValues.relevanceSentence(t.averageRelevance(), "<strong>", "</strong>"))
                .append("</p>\n");
        if (t.lastChange() != null) {
            html.append("<p class=\"last-change\">")
                    .append(escape(TrendValues.changeSentence(t.lastChange())))
                    .append("</p>\n");
        }
        if (t.weeks().size() < 2) {
            html.append("<p class=\"muted\">No earlier week is archived yet: the lines start with this one.</p>\n");
        }
        HtmlReport.figure(html, TrendCharts.shares(t), "Week by week; the dashed lines are the targets.");
        HtmlReport.figure(html, TrendCharts.relevance(t), "The average best relevance of each week's queries.");
        HtmlReport.figure(
                html, TrendCharts.money(t), "What Claude cost, and what answering locally saved (estimated).");
        html.append("<table class=\"trends\">\n<tr><th>Week</th>");
        t.lines()
                .forEach(l -> html.append("<th class=\"num\">")
                        .append(escape(l.label()))
                        .append("</th>"));
        html.append("</tr>\n");
        for (int i : TrendValues.rowsNewestFirst(t)) {
            html.append("<tr><td>").append(escape(t.weeks().get(i))).append("</td>");
            for (Trends.TrendLine l : t.lines()) {
                html.append("<td class=\"num\">")
                        .append(escape(TrendValues.value(l, l.values().get(i))))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }
}
