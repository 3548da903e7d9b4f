package dev.knowledgerouter.report;

import static dev.knowledgerouter.report.Xml.escape;

import dev.knowledgerouter.report.RoutingReport.VerifierStatus;
import dev.knowledgerouter.report.RoutingReport.Weight;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The answer verifier in the report, in Markdown and HTML alike: which weights check local answers
 * (shipped or re-fitted from the router's outcomes), their sample size and fit date, what this
 * report's re-fit did, and the weights that count, largest first.
 */
final class VerifierSection {
    private VerifierSection() {}

    static void markdown(StringBuilder md, VerifierStatus v) {
        if (v == null) {
            return;
        }
        md.append("## Answer verifier\n\n").append(inUse(v)).append("\n\n");
        md.append("Re-fit: ").append(v.refit().verdict()).append(".\n\n");
        md.append("| Feature | Weight | Source |\n|:--|--:|:--|\n");
        for (Weight w : counting(v)) {
            md.append("| ")
                    .append(w.name())
                    .append(" | ")
                    .append(weight(w))
                    .append(" | ")
                    .append(w.source())
                    .append(" |\n");
        }
        md.append('\n');
    }

    static void html(StringBuilder html, VerifierStatus v) {
        if (v == null) {
            return;
        }
        html.append("<h2>Answer verifier</h2>\n<p>")
                .append(escape(inUse(v)))
                .append("</p>\n<p><strong>Re-fit:</strong> ")
                .append(escape(v.refit().verdict()))
                .append(".</p>\n<table>\n<tr><th>Feature</th><th class=\"num\">Weight</th><th>Source</th></tr>\n");
        for (Weight w : counting(v)) {
            html.append("<tr><td>")
                    .append(escape(w.name()))
                    .append("</td><td class=\"num\">")
                    .append(weight(w))
                    .append("</td><td>")
                    .append(escape(w.source()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String inUse(VerifierStatus v) {
        return String.format(
                Locale.ROOT,
                "Weights in use: %s, fitted on %d answers from %s (%.0f%% bad) on %s.",
                v.refitted() ? "re-fitted from the router's outcomes" : "shipped",
                v.sampleSize(),
                v.fittedOn(),
                v.badShare() * 100,
                v.fitDate());
    }

    /** The weights that move a score, largest first. */
    private static List<Weight> counting(VerifierStatus v) {
        return v.weights().stream()
                .filter(w -> w.weight() != 0)
                .sorted(Comparator.comparingDouble((Weight w) -> Math.abs(w.weight()))
                        .reversed())
                .toList();
    }

    private static String weight(Weight w) {
        return String.format(Locale.ROOT, "%+.2f", w.weight());
    }
}
