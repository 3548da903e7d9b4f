package dev.knowledgerouter.report;

import java.util.List;
import java.util.stream.IntStream;

/** How a trend line's value and a trend's headline sentences read, the same in Markdown and HTML. */
final class TrendValues {
    private TrendValues() {}

    static String value(Trends.TrendLine line, Double value) {
        if (value == null) {
            return ReportFormat.NONE;
        }
        return switch (line.unit()) {
            case "usd" -> ReportFormat.money(value);
            case "cosine" -> ReportFormat.relevance(value);
            default -> ReportFormat.percent(value);
        };
    }

    /** The average relevance against its target, with {@code strong} around the figures that matter. */
    static String relevanceSentence(Trends.AverageRelevance a, String strong, String strongEnd) {
        if (a == null || a.value() == null) {
            return "No query found anything in this period, so the average relevance target of "
                    + ReportFormat.relevance(a == null ? null : a.target()) + " was not measured.";
        }
        return "Average relevance " + strong + ReportFormat.relevance(a.value()) + strongEnd + " against a target of "
                + ReportFormat.relevance(a.target()) + ": " + strong
                + (Boolean.TRUE.equals(a.met()) ? "met" : "not met")
                + strongEnd + ".";
    }

    static String changeSentence(Trends.ChangeCheck c) {
        return "Last threshold change (" + c.action() + ", profile " + c.profile() + ", "
                + ReportFormat.time(c.at()) + "): " + ReportFormat.rules(c.before()) + " → "
                + ReportFormat.rules(c.after()) + ". " + capitalised(c.verdict()) + ".";
    }

    /** The weeks as table rows, newest first: a reader looks for this week, then the ones before. */
    static List<Integer> rowsNewestFirst(Trends t) {
        return IntStream.range(0, t.weeks().size())
                .map(i -> t.weeks().size() - 1 - i)
                .boxed()
                .toList();
    }

    private static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
