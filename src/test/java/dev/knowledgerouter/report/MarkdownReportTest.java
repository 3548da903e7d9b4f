package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown report carries the week's numbers, and query text cannot break its tables. */
class MarkdownReportTest {
    final String week = MarkdownReport.render(ReportSamples.week());
    final String empty = MarkdownReport.render(ReportSamples.empty());

    @Test
    void theRoutesTableAndTheTargetCarryTheWeeksNumbers() {
        assertTrue(week.startsWith("# Routing report: 2025-06-02 00:00 UTC – 2025-06-09 00:00 UTC (7 days)\n"));
        assertTrue(week.contains("| Local model | 294 | 71.4% | 0.862 |"));
        assertTrue(week.contains("| Remote (Claude) | 101 | 24.5% | 0.713 |"));
        assertTrue(week.contains("| Retrieval only | 17 | 4.1% | 0.931 |"));
        assertTrue(week.contains("Local share **71.4%** against a target of 70.0%: **met**."));
        assertTrue(week.contains("| Local failures (of those tried) | 31 | 9.7% |"));
        assertTrue(week.contains("57 good, 12 bad, 343 unrated."));
    }

    @Test
    void moneyShowsCentsAboveADollarAndFourDecimalsBelow() {
        assertTrue(week.contains("125 paid calls, $1.87"));
        assertTrue(week.contains("Estimated saving: $0.4123 for 294 local answers"));
        assertTrue(week.contains("_estimate: each local answer priced"));
        assertEquals("$0.0123", ReportFormat.money(0.0123));
        assertEquals("$0.00", ReportFormat.money(0));
        assertEquals("$12.50", ReportFormat.money(12.5));
    }

    @Test
    void theTuningSectionShowsCurrentRecommendedVerdictAndFrontier() {
        assertTrue(week.contains("| Current | relevance > 0.80 and complexity < 6 | 71.0% | 229 | 92.1% |"));
        assertTrue(
                week.contains(
                        "| **Recommended** | relevance > 0.78 and complexity < 7, or relevance > 0.70 and complexity < 4 | 77.0% |"));
        assertTrue(
                week.contains(
                        "**Verdict:** recommended: local share 77.0% (now 71.0%) at a local success rate of 90.3% (target 90%)"));
        assertTrue(
                week.contains("`kr report --apply` would write the recommended rules to profile default in kr.yaml."));
        String frontier = week.substring(week.indexOf("### Frontier"));
        assertEquals(
                16,
                frontier.lines().filter(l -> l.matches("\\| [\\d.]+% \\|.*")).count());
        assertTrue(frontier.contains("| 0.0% | – | 0 | relevance > 0.95 and complexity < 2 |  |"));
        assertTrue(
                frontier.contains(
                        "| 77.0% | 90.3% | 247 | relevance > 0.78 and complexity < 7, or relevance > 0.70 and complexity < 4 | recommended |"));
        assertTrue(frontier.contains("| current |"));
    }

    @Test
    void examplesCannotBreakTheTableOrBecomeHtml() {
        assertTrue(week.contains("strategy \\| cooperative-sticky"));
        assertTrue(week.contains("hitting \\`max.poll.interval.ms\\` and"));
        assertTrue(week.contains("Render \\<script\\>alert(1)\\</script\\> \\& \"quotes\""));
        assertFalse(week.contains("<script>"));
        // Every row of the clusters table still has its five cells: the escaped pipe is not a separator.
        week.lines()
                .filter(l -> l.startsWith("| 1 | 14 |") || l.startsWith("| 2 | 8 |"))
                .forEach(l -> assertEquals(6, l.split("(?<!\\\\)\\|").length, l));
        assertEquals("a b", MarkdownReport.escape("a\r\n  b"));
    }

    @Test
    void anEmptyPeriodRendersDashesAndTheVerdictNotNulls() {
        for (String bad : List.of("null", "NaN", "Infinity")) {
            assertFalse(empty.contains(bad), bad);
        }
        assertTrue(empty.contains("| Local failures (of those tried) | 0 | – |"));
        assertTrue(empty.contains("No interactions in this period, so the local target of 70.0% was not measured."));
        assertTrue(empty.contains("**Verdict:** no interactions in the period; nothing to tune"));
        assertTrue(empty.contains("`kr report --apply` would not change anything."));
        assertTrue(empty.contains("No cluster of similar queries failed locally in this period."));
        assertTrue(empty.contains("No candidate had a measured success rate in this period."));
    }
}
