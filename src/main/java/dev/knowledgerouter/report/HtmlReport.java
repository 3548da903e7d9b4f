package dev.knowledgerouter.report;

import static dev.knowledgerouter.report.ReportFormat.money;
import static dev.knowledgerouter.report.ReportFormat.percent;
import static dev.knowledgerouter.report.Xml.escape;

import dev.knowledgerouter.report.RoutingReport.Candidate;
import dev.knowledgerouter.report.RoutingReport.FailureCluster;
import dev.knowledgerouter.report.RoutingReport.Rates;
import dev.knowledgerouter.report.RoutingReport.Spend;
import dev.knowledgerouter.report.RoutingReport.Totals;
import dev.knowledgerouter.report.RoutingReport.Tuning;

/**
 * The weekly routing report as one self-contained HTML5 page: inline CSS and SVG charts, no script
 * and no external resource, so it can be mailed, archived or opened offline as it is.
 */
public final class HtmlReport {
    private static final String STYLE = """
            :root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f8fafc; color: var(--ink);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
            main { max-width: 920px; margin: 0 auto; padding: 28px 24px 48px; }
            h1 { font-size: 1.55rem; margin: 0 0 2px; }
            h2 { font-size: 1.15rem; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            p { margin: 8px 0; }
            .muted, figcaption { color: var(--muted); font-size: .9rem; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 18px 0 4px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
            .card .value { font-size: 1.45rem; font-weight: 600; font-variant-numeric: tabular-nums; }
            .badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: .8rem; font-weight: 600; }
            .met { background: #dcfce7; color: #166534; } .not-met { background: #fee2e2; color: #991b1b; }
            table { width: 100%; border-collapse: collapse; background: #fff; margin: 8px 0 14px; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid var(--line); padding: 5px 9px; text-align: left; vertical-align: top; }
            th { background: #f1f5f9; font-weight: 600; }
            .num { text-align: right; white-space: nowrap; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 7px; }
            tr.recommended td { background: #f0fdf4; } tr.current td { background: #f8fafc; font-style: italic; }
            ul.examples { margin: 0; padding-left: 18px; } ul.examples li { word-break: break-word; }
            figure { margin: 14px 0 18px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px 6px; }
            figure svg { display: block; width: 100%; height: auto; }
            code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; background: #f1f5f9; padding: 0 4px; border-radius: 4px; }
            """;

    private HtmlReport() {}

    public static String render(RoutingReport r) {
        return render(r, "");
    }

    /**
     * The page with {@code appendixHtml} (sections of trusted markup, such as what a scheduled run did)
     * after the report's own sections.
     */
    public static String render(RoutingReport r, String appendixHtml) {
        StringBuilder html = new StringBuilder(32_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Routing report ")
                .append(escape(ReportFormat.period(r)))
                .append("</title>\n")
                .append("<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>Routing report</h1>\n<p class=\"muted\">")
                .append(escape(ReportFormat.period(r)))
                .append(" · generated ")
                .append(escape(ReportFormat.time(r.generatedAt())))
                .append("</p>\n");
        summary(html, r);
        routes(html, r);
        quality(html, r);
        feedbackAndSpend(html, r);
        clusters(html, r);
        tuning(html, r);
        TrendsHtml.append(html, r.trends());
        VerifierSection.html(html, r.verifier());
        html.append(appendixHtml);
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder html, RoutingReport r) {
        Totals t = r.totals();
        html.append("<div class=\"cards\">\n");
        card(
                html,
                "Local share",
                percent(t.localShare()),
                t.interactions() == 0
                        ? "no interactions"
                        : "<span class=\"badge "
                                + (t.localTargetMet() ? "met\">target met" : "not-met\">target not met") + "</span> "
                                + percent(t.localTarget()));
        card(
                html,
                "Local failure rate",
                percent(r.rates().localFailureRate()),
                r.rates().triedLocally() + " tried locally");
        card(
                html,
                "Conversations",
                String.valueOf(t.conversations() == null ? 0 : t.conversations().conversations()),
                escape(ReportFormat.conversationDetail(t.conversations())));
        card(html, "Claude spend", money(r.spend().costUsd()), r.spend().remoteCalls() + " paid calls");
        card(
                html,
                "Estimated saving",
                money(r.spend().estimatedSavingUsd()),
                r.spend().localAnswers() + " local answers");
        html.append("</div>\n");
    }

    private static void card(StringBuilder html, String label, String value, String detailHtml) {
        html.append("<div class=\"card\"><div class=\"muted\">")
                .append(escape(label))
                .append("</div><div class=\"value\">")
                .append(escape(value))
                .append("</div><div class=\"muted\">")
                .append(detailHtml)
                .append("</div></div>\n");
    }

    private static void routes(StringBuilder html, RoutingReport r) {
        Totals t = r.totals();
        html.append(
                        "<h2>Routes</h2>\n<table>\n<tr><th>Route</th><th class=\"num\">Answers</th><th class=\"num\">Share</th>")
                .append("<th class=\"num\">Avg. relevance</th></tr>\n");
        route(
                html,
                ReportCharts.LOCAL,
                "Local model",
                t.local(),
                percent(t.localShare()),
                ReportFormat.routeRelevance(r, "local"));
        route(
                html,
                ReportCharts.REMOTE,
                "Remote (Claude)",
                t.remote(),
                percent(t.remoteShare()),
                ReportFormat.routeRelevance(r, "remote"));
        route(
                html,
                ReportCharts.RETRIEVAL,
                "Retrieval only",
                t.retrieval(),
                percent(t.retrievalShare()),
                ReportFormat.routeRelevance(r, "retrieval"));
        html.append("<tr><th>All</th><th class=\"num\">")
                .append(t.interactions())
                .append("</th><th class=\"num\">")
                .append(t.interactions() == 0 ? ReportFormat.NONE : percent(1.0))
                .append("</th><th></th></tr>\n</table>\n");
        html.append("<p>")
                .append(ReportFormat.targetSentence(t, "<strong>", "</strong>"))
                .append("</p>\n");
        html.append("<p>")
                .append(ReportFormat.conversationsSentence(t, "<strong>", "</strong>"))
                .append("</p>\n");
        figure(html, ReportCharts.routeSharesPerDay(r), "Who answered, day by day. Hover a bar for its counts.");
    }

    private static void route(
            StringBuilder html, String colour, String name, int count, String share, String relevance) {
        html.append("<tr><td><span class=\"swatch\" style=\"background:")
                .append(colour)
                .append("\"></span>")
                .append(escape(name))
                .append("</td><td class=\"num\">")
                .append(count)
                .append("</td><td class=\"num\">")
                .append(share)
                .append("</td><td class=\"num\">")
                .append(relevance)
                .append("</td></tr>\n");
    }

    private static void quality(StringBuilder html, RoutingReport r) {
        Rates q = r.rates();
        html.append(
                "<h2>Local quality</h2>\n<table>\n<tr><th></th><th class=\"num\">Interactions</th><th class=\"num\">Rate</th></tr>\n");
        row(html, "Tried on the local model", q.triedLocally(), "");
        row(html, "Local failures (of those tried)", q.localFailures(), percent(q.localFailureRate()));
        row(html, "Escalated to Claude (of those tried)", q.escalations(), percent(q.escalationRate()));
        row(html, "Failed overall (of all)", q.failures(), percent(q.failureRate()));
        html.append("</table>\n");
        figure(
                html,
                ReportCharts.relevanceByOutcome(r),
                "How relevant the knowledge base was to the queries, split by how they ended.");
    }

    private static void row(StringBuilder html, String label, int count, String rate) {
        html.append("<tr><td>")
                .append(escape(label))
                .append("</td><td class=\"num\">")
                .append(count)
                .append("</td><td class=\"num\">")
                .append(escape(rate))
                .append("</td></tr>\n");
    }

    private static void feedbackAndSpend(StringBuilder html, RoutingReport r) {
        var f = r.feedback();
        Spend s = r.spend();
        html.append("<h2>Feedback and spend</h2>\n<table>\n");
        html.append("<tr><td>Feedback</td><td>")
                .append(f.good())
                .append(" good, ")
                .append(f.bad())
                .append(" bad, ")
                .append(f.unrated())
                .append(" unrated</td></tr>\n");
        html.append("<tr><td>Claude</td><td>")
                .append(s.remoteCalls())
                .append(" paid calls, ")
                .append(money(s.costUsd()))
                .append("</td></tr>\n");
        html.append("<tr><td>Estimated saving</td><td>")
                .append(money(s.estimatedSavingUsd()))
                .append(" for ")
                .append(s.localAnswers())
                .append(" local answers");
        if (s.pricedAs() != null && !s.pricedAs().isBlank()) {
            html.append(", priced as ").append(escape(s.pricedAs()));
        }
        html.append("</td></tr>\n</table>\n");
        if (s.note() != null && !s.note().isBlank()) {
            html.append("<p class=\"muted\">").append(escape(s.note())).append("</p>\n");
        }
    }

    private static void clusters(StringBuilder html, RoutingReport r) {
        html.append("<h2>Failing query clusters</h2>\n");
        if (r.failingClusters() == null || r.failingClusters().isEmpty()) {
            html.append("<p>No cluster of similar queries failed locally in this period.</p>\n");
            return;
        }
        html.append(
                        "<table>\n<tr><th class=\"num\">Queries</th><th class=\"num\">Local failures</th><th class=\"num\">Failure rate</th>")
                .append("<th>Examples</th></tr>\n");
        for (FailureCluster c : r.failingClusters()) {
            html.append("<tr><td class=\"num\">")
                    .append(c.size())
                    .append("</td><td class=\"num\">")
                    .append(c.localFailures())
                    .append("</td><td class=\"num\">")
                    .append(percent(c.failureRate()))
                    .append("</td><td><ul class=\"examples\">");
            c.examples().forEach(e -> html.append("<li>").append(escape(e)).append("</li>"));
            html.append("</ul></td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void tuning(StringBuilder html, RoutingReport r) {
        Tuning t = r.tuning();
        html.append("<h2>Threshold tuning</h2>\n<p>Profile <strong>")
                .append(escape(t.profile()))
                .append("</strong>, target local success rate ")
                .append(percent(t.targetSuccessRate()))
                .append(" on at least ")
                .append(t.minSample())
                .append(" known outcomes; ")
                .append(t.withLocalOutcome())
                .append(" of ")
                .append(t.interactions())
                .append(" interactions in the period have a known local outcome.</p>\n");
        html.append(
                        "<table>\n<tr><th></th><th>Rules</th><th class=\"num\">Local share</th><th class=\"num\">Known outcomes</th>")
                .append("<th class=\"num\">Success rate</th></tr>\n");
        candidate(html, "Current", "current", t.current());
        if (t.recommended() != null) {
            candidate(html, "Recommended", "recommended", t.recommended());
        }
        html.append("</table>\n<p><strong>Verdict:</strong> ")
                .append(escape(t.verdict()))
                .append("</p>\n<p>")
                .append(
                        t.applicable()
                                ? "<code>kr report --apply</code> would write the recommended rules to profile <strong>"
                                        + escape(t.profile()) + "</strong> in kr.yaml."
                                : "<code>kr report --apply</code> would not change anything.")
                .append("</p>\n");
        figure(
                html,
                ReportCharts.tuningFrontier(r),
                "Each point is the best success rate the replay found at that local share; "
                        + "points to the right keep more queries local.");
        if (t.frontier() == null || t.frontier().isEmpty()) {
            return;
        }
        html.append(
                        "<table>\n<tr><th class=\"num\">Local share</th><th class=\"num\">Success rate</th><th class=\"num\">Known outcomes</th>")
                .append("<th>Rules</th></tr>\n");
        for (Candidate c : t.frontier()) {
            String mark = sameRules(c, t.recommended()) ? "recommended" : sameRules(c, t.current()) ? "current" : "";
            html.append(mark.isEmpty() ? "<tr>" : "<tr class=\"" + mark + "\">")
                    .append("<td class=\"num\">")
                    .append(percent(c.localShare()))
                    .append("</td><td class=\"num\">")
                    .append(percent(c.successRate()))
                    .append("</td><td class=\"num\">")
                    .append(c.known())
                    .append("</td><td>")
                    .append(escape(ReportFormat.rules(c.rules())))
                    .append(mark.isEmpty() ? "" : " (" + mark + ")")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void candidate(StringBuilder html, String label, String cssClass, Candidate c) {
        html.append("<tr class=\"")
                .append(cssClass)
                .append("\"><td>")
                .append(label)
                .append("</td>");
        if (c == null) {
            html.append("<td colspan=\"4\">").append(ReportFormat.NONE).append("</td></tr>\n");
            return;
        }
        html.append("<td>")
                .append(escape(ReportFormat.rules(c.rules())))
                .append("</td><td class=\"num\">")
                .append(percent(c.localShare()))
                .append("</td><td class=\"num\">")
                .append(c.known())
                .append("</td><td class=\"num\">")
                .append(percent(c.successRate()))
                .append("</td></tr>\n");
    }

    private static boolean sameRules(Candidate c, Candidate other) {
        return other != null && c.rules().equals(other.rules());
    }

    static void figure(StringBuilder html, String svg, String caption) {
        html.append("<figure>\n")
                .append(svg)
                .append("\n<figcaption>")
                .append(escape(caption))
                .append("</figcaption>\n</figure>\n");
    }
}
