package dev.knowledgerouter.report;

import dev.knowledgerouter.config.LocalRule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the report's numbers, times and rules read as text, shared by the Markdown and HTML renderers
 * so both say the same thing. Locale.ROOT throughout: a report must not change its decimal point
 * with the machine that renders it.
 */
final class ReportFormat {
    /** What a rate with nothing to measure prints as. */
    static final String NONE = "–";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportFormat() {}

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String percent(Double share) {
        return share == null ? NONE : percent(share.doubleValue());
    }

    /** Cents hide what a week of small calls costs, so sums under a dollar get four decimals. */
    static String money(double usd) {
        return String.format(Locale.ROOT, Math.abs(usd) >= 1 || usd == 0 ? "$%.2f" : "$%.4f", usd);
    }

    static String relevance(Double cosine) {
        return cosine == null ? NONE : String.format(Locale.ROOT, "%.3f", cosine);
    }

    /** Whether the local target was met, with {@code strong} around the figures that matter (Markdown or HTML). */
    static String targetSentence(RoutingReport.Totals t, String strong, String strongEnd) {
        if (t.interactions() == 0) {
            return "No interactions in this period, so the local target of " + percent(t.localTarget())
                    + " was not measured.";
        }
        return "Local share " + strong + percent(t.localShare()) + strongEnd + " against a target of "
                + percent(t.localTarget()) + ": " + strong + (t.localTargetMet() ? "met" : "not met") + strongEnd + ".";
    }

    /** How the period's interactions grouped into conversations, with {@code strong} around the counts. */
    static String conversationsSentence(RoutingReport.Totals t, String strong, String strongEnd) {
        RoutingReport.Conversations c = t.conversations();
        if (c == null || c.conversations() == 0) {
            return "No conversations in this period.";
        }
        return strong + c.conversations() + strongEnd + (c.conversations() == 1 ? " conversation" : " conversations")
                + " (" + strong + c.multiTurn() + strongEnd + " with more than one turn): "
                + conversationDetail(c) + ".";
    }

    /** Turns per conversation on average and at most, e.g. {@code 1.9 turns each on average, at most 5}. */
    static String conversationDetail(RoutingReport.Conversations c) {
        if (c == null || c.turnsPerConversation() == null) {
            return "no interactions";
        }
        return String.format(
                Locale.ROOT, "%.1f turns each on average, at most %d", c.turnsPerConversation(), c.longest());
    }

    /** The average relevance of the queries a route answered; routes are named as {@code AnswerSource.wireName()}. */
    static String routeRelevance(RoutingReport r, String route) {
        return relevance(
                r.routes() == null
                        ? null
                        : r.routes().stream()
                                .filter(s -> route.equalsIgnoreCase(s.route()) && s.averageRelevance() != null)
                                .map(RoutingReport.RouteStats::averageRelevance)
                                .findFirst()
                                .orElse(null));
    }

    static String time(Instant instant) {
        return instant == null ? NONE : TIME.format(instant);
    }

    static String period(RoutingReport r) {
        return time(r.from()) + " – " + time(r.to()) + " (" + r.days() + (r.days() == 1 ? " day)" : " days)");
    }

    /** The rules as the profile reads them: any one rule admits a query to the local model. */
    static String rules(List<LocalRule> rules) {
        if (rules == null || rules.isEmpty()) {
            return "none (nothing goes local)";
        }
        return rules.stream()
                .map(rule -> String.format(
                        Locale.ROOT,
                        "relevance > %.2f and complexity < %d",
                        rule.relevanceAbove(),
                        rule.complexityBelow()))
                .collect(Collectors.joining(", or "));
    }
}
