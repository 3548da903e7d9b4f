package dev.knowledgerouter.report;

import static dev.knowledgerouter.report.ReportFormat.money;
import static dev.knowledgerouter.report.ReportFormat.percent;

import dev.knowledgerouter.report.RoutingReport.Candidate;
import dev.knowledgerouter.report.RoutingReport.FailureCluster;
import dev.knowledgerouter.report.RoutingReport.Rates;
import dev.knowledgerouter.report.RoutingReport.Totals;
import dev.knowledgerouter.report.RoutingReport.Tuning;
import java.util.List;
import java.util.stream.Collectors;

/** The weekly routing report as Markdown, for a terminal, a pull request or a wiki page. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(RoutingReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Routing report: ").append(ReportFormat.period(r)).append("\n\n");
        md.append("Generated ").append(ReportFormat.time(r.generatedAt())).append(".\n\n");
        routes(md, r);
        quality(md, r);
        feedbackAndSpend(md, r);
        clusters(md, r.failingClusters());
        tuning(md, r.tuning());
        TrendsMarkdown.append(md, r.trends());
        VerifierSection.markdown(md, r.verifier());
        return md.toString();
    }

    private static void routes(StringBuilder md, RoutingReport r) {
        Totals t = r.totals();
        md.append("## Routes\n\n| Route | Answers | Share | Avg. relevance |\n|:--|--:|--:|--:|\n");
        row(
                md,
                "Local model",
                String.valueOf(t.local()),
                percent(t.localShare()),
                ReportFormat.routeRelevance(r, "local"));
        row(
                md,
                "Remote (Claude)",
                String.valueOf(t.remote()),
                percent(t.remoteShare()),
                ReportFormat.routeRelevance(r, "remote"));
        row(
                md,
                "Retrieval only",
                String.valueOf(t.retrieval()),
                percent(t.retrievalShare()),
                ReportFormat.routeRelevance(r, "retrieval"));
        row(
                md,
                "**All**",
                "**" + t.interactions() + "**",
                t.interactions() == 0 ? ReportFormat.NONE : percent(1.0),
                "");
        md.append('\n').append(ReportFormat.targetSentence(t, "**", "**")).append("\n\n");
        md.append(ReportFormat.conversationsSentence(t, "**", "**")).append("\n\n");
    }

    private static void quality(StringBuilder md, RoutingReport r) {
        Rates q = r.rates();
        md.append("## Local quality\n\n| | Interactions | Rate |\n|:--|--:|--:|\n");
        row(md, "Tried on the local model", String.valueOf(q.triedLocally()), "");
        row(md, "Local failures (of those tried)", String.valueOf(q.localFailures()), percent(q.localFailureRate()));
        row(md, "Escalated to Claude (of those tried)", String.valueOf(q.escalations()), percent(q.escalationRate()));
        row(md, "Failed overall (of all)", String.valueOf(q.failures()), percent(q.failureRate()));
        md.append('\n');
    }

    private static void feedbackAndSpend(StringBuilder md, RoutingReport r) {
        var f = r.feedback();
        var s = r.spend();
        md.append("## Feedback\n\n")
                .append(f.good())
                .append(" good, ")
                .append(f.bad())
                .append(" bad, ")
                .append(f.unrated())
                .append(" unrated.\n\n");
        md.append("## Spend\n\n");
        md.append("- Claude: ")
                .append(s.remoteCalls())
                .append(" paid calls, ")
                .append(money(s.costUsd()))
                .append('\n');
        md.append("- Estimated saving: ")
                .append(money(s.estimatedSavingUsd()))
                .append(" for ")
                .append(s.localAnswers())
                .append(" local answers");
        if (s.pricedAs() != null && !s.pricedAs().isBlank()) {
            md.append(", priced as ").append(escape(s.pricedAs()));
        }
        md.append('\n');
        if (s.note() != null && !s.note().isBlank()) {
            md.append("\n_").append(escape(s.note())).append("_\n");
        }
        md.append('\n');
    }

    private static void clusters(StringBuilder md, List<FailureCluster> clusters) {
        md.append("## Failing query clusters\n\n");
        if (clusters == null || clusters.isEmpty()) {
            md.append("No cluster of similar queries failed locally in this period.\n\n");
            return;
        }
        md.append("| # | Queries | Local failures | Failure rate | Examples |\n|--:|--:|--:|--:|:--|\n");
        for (int i = 0; i < clusters.size(); i++) {
            FailureCluster c = clusters.get(i);
            String examples =
                    c.examples().stream().map(e -> "“" + escape(e) + "”").collect(Collectors.joining("<br>"));
            row(
                    md,
                    String.valueOf(i + 1),
                    String.valueOf(c.size()),
                    String.valueOf(c.localFailures()),
                    percent(c.failureRate()),
                    examples);
        }
        md.append('\n');
    }

    private static void tuning(StringBuilder md, Tuning t) {
        md.append("## Threshold tuning\n\n");
        md.append("Profile **")
                .append(escape(t.profile()))
                .append("**, target local success rate ")
                .append(percent(t.targetSuccessRate()))
                .append(" on at least ")
                .append(t.minSample())
                .append(" known outcomes; ")
                .append(t.withLocalOutcome())
                .append(" of ")
                .append(t.interactions())
                .append(" interactions in the period have a known local outcome.\n\n");
        md.append("| | Rules | Local share | Known outcomes | Success rate |\n|:--|:--|--:|--:|--:|\n");
        candidate(md, "Current", t.current());
        if (t.recommended() != null) {
            candidate(md, "**Recommended**", t.recommended());
        }
        md.append("\n**Verdict:** ").append(escape(t.verdict())).append("\n\n");
        md.append(
                t.applicable()
                        ? "`kr report --apply` would write the recommended rules to profile " + escape(t.profile())
                                + " in kr.yaml.\n\n"
                        : "`kr report --apply` would not change anything.\n\n");
        md.append("### Frontier\n\n");
        if (t.frontier() == null || t.frontier().isEmpty()) {
            md.append("No candidate had a measured success rate in this period.\n\n");
            return;
        }
        md.append("The best local success rate the replay found at each local share.\n\n");
        md.append("| Local share | Success rate | Known outcomes | Rules | |\n|--:|--:|--:|:--|:--|\n");
        for (Candidate c : t.frontier()) {
            String mark = sameRules(c, t.recommended()) ? "recommended" : sameRules(c, t.current()) ? "current" : "";
            row(
                    md,
                    percent(c.localShare()),
                    percent(c.successRate()),
                    String.valueOf(c.known()),
                    ReportFormat.rules(c.rules()),
                    mark);
        }
        md.append('\n');
    }

    private static void candidate(StringBuilder md, String label, Candidate c) {
        if (c == null) {
            row(md, label, ReportFormat.NONE, ReportFormat.NONE, ReportFormat.NONE, ReportFormat.NONE);
            return;
        }
        row(
                md,
                label,
                ReportFormat.rules(c.rules()),
                percent(c.localShare()),
                String.valueOf(c.known()),
                percent(c.successRate()));
    }

    private static boolean sameRules(Candidate c, Candidate other) {
        return other != null && c.rules().equals(other.rules());
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /**
     * Makes data text (query examples, notes) literal: backslash escapes for the characters that
     * start Markdown syntax or inline HTML, and no line breaks, which would end a table row.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").toCharArray()) {
            if ("\\`*_[]<>|#&~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
