package dev.knowledgerouter.report;

/** The trends section of the Markdown report: the targets, the last change and the weeks in a table. */
final class TrendsMarkdown {
    private TrendsMarkdown() {}

    static void append(StringBuilder md, Trends t) {
        if (t == null) {
            return;
        }
        md.append("## Trends\n\n")
                .append(TrendValues.relevanceSentence(t.averageRelevance(), "**", "**"))
                .append("\n\n");
        if (t.lastChange() != null) {
            md.append(MarkdownReport.escape(TrendValues.changeSentence(t.lastChange())))
                    .append("\n\n");
        }
        md.append("| Week |");
        t.lines()
                .forEach(l ->
                        md.append(' ').append(MarkdownReport.escape(l.label())).append(" |"));
        md.append("\n|:--|");
        t.lines().forEach(l -> md.append("--:|"));
        md.append('\n');
        for (int i : TrendValues.rowsNewestFirst(t)) {
            md.append("| ").append(MarkdownReport.escape(t.weeks().get(i))).append(" |");
            for (Trends.TrendLine l : t.lines()) {
                md.append(' ').append(TrendValues.value(l, l.values().get(i))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }
}
