package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.ReportSettings;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's trends: week-over-week lines read from the archive, and the targets from kr.yaml. */
class TrendsTest {
    /** Monday 06:00 of ISO week 49: the last seven days are the week 2026-W48. */
    static final Instant NOW = Instant.parse("2026-11-30T05:59:59Z");

    @TempDir
    Path home;

    MutableClock clock = new MutableClock(NOW);
    App app;

    @AfterEach
    void close() {
        app.close();
    }

    void open(double localShareTarget, double relevanceTarget) {
        KrConfig config = TestStack.config(home);
        app = App.open(
                config.withReport(
                        ReportSettings.defaults(ZoneOffset.UTC).withTargets(localShareTarget, relevanceTarget)),
                TestStack.embedder(),
                clock);
    }

    void archive(String week, RoutingReport report) {
        app.reportArchive().write(new WeeklyRun(week, WeeklyRun.SCHEDULE, NOW, report, null, List.of()));
    }

    Trends.TrendLine line(Trends t, String metric) {
        return t.lines().stream()
                .filter(l -> l.metric().equals(metric))
                .findFirst()
                .orElse(null);
    }

    @Test
    void theTrendLinesReadTheArchivedWeeksThenThisPeriod() {
        open(0.70, 0.75);
        archive("2026-W45", ReportSamples.week());
        archive("2026-W47", ReportSamples.empty());
        History.store(app, "w48", 3, NOW.minus(Duration.ofDays(2)), History.localAttempt(true, 0.86, 2));
        History.store(app, "r48", 1, NOW.minus(Duration.ofDays(1)), History.remote(0.66, 8));

        Trends t = app.report(7, Optional.empty()).trends();
        assertEquals(List.of("2026-W45", "2026-W47", "2026-W48"), t.weeks());
        Trends.TrendLine share = line(t, "local_share");
        assertEquals(0.7136, share.values().get(0), 0.0001, "the archived week's own figure");
        assertNull(share.values().get(1), "a week without interactions has no share to plot");
        assertEquals(0.75, share.values().get(2));
        assertEquals(0.70, share.target());
        assertEquals(1.8734, line(t, "claude_spend_usd").values().get(0));
        assertEquals(0.9025, line(t, "local_success_rate").values().get(0), 0.0001, "1 - 31/318");
        assertEquals(
                0.8283, line(t, "average_relevance").values().get(0), "(294 x 0.862 + 101 x 0.713 + 17 x 0.931) / 412");
        assertEquals(0.81, line(t, "average_relevance").values().get(2), "(3 x 0.86 + 0.66) / 4");
    }

    @Test
    void theWeekOfThisPeriodIsNotCountedTwiceWhenItIsArchivedAlready() {
        open(0.70, 0.75);
        archive("2026-W48", ReportSamples.week());
        History.store(app, "w48", 2, NOW.minus(Duration.ofDays(2)), History.localAttempt(true, 0.86, 2));
        assertEquals(
                List.of("2026-W48"), app.report(7, Optional.empty()).trends().weeks());
    }

    @Test
    void theAverageRelevanceIsHeldToTheTargetFromTheConfiguration() {
        open(0.60, 0.85);
        History.store(app, "w48", 4, NOW.minus(Duration.ofDays(2)), History.localAttempt(true, 0.82, 2));
        RoutingReport r = app.report(7, Optional.empty());
        assertEquals(new Trends.AverageRelevance(0.82, 0.85, false), r.trends().averageRelevance());
        assertEquals(0.60, r.totals().localTarget(), "and the local share to its own");
        assertTrue(r.totals().localTargetMet());
        assertTrue(MarkdownReport.render(r)
                .contains("Average relevance **0.820** against a target of 0.850: **not met**"));
    }

    @Test
    void theFailedCheckLineAppearsOnlyOnceInteractionsCarryTheAnswerChecks() {
        open(0.70, 0.75);
        History.store(app, "plain", 2, NOW.minus(Duration.ofDays(3)), History.localAttempt(true, 0.86, 2));
        assertNull(line(app.report(7, Optional.empty()).trends(), "failed_check_share"), "no verdict stored yet");

        Map<String, Object> hedged = new LinkedHashMap<>(History.localAttempt(true, 0.86, 2));
        hedged.put("checks", Map.of("failed", List.of("refusal"), "score", 0.7));
        Map<String, Object> clean = new LinkedHashMap<>(History.localAttempt(true, 0.86, 2));
        clean.put("checks", Map.of("failed", List.of(), "score", 0.1));
        History.store(app, "hedged", 1, NOW.minus(Duration.ofDays(2)), hedged);
        History.store(app, "clean", 3, NOW.minus(Duration.ofDays(1)), clean);
        Trends t = app.report(7, Optional.empty()).trends();
        assertEquals(List.of(0.25), line(t, "failed_check_share").values(), "one of the four checked local answers");
        assertEquals(0.25, t.current().failedCheckShare());
    }

    @Test
    void theHtmlPageDrawsTheTrendsWithoutANonNumberAndTheMarkdownListsTheWeeks() {
        open(0.70, 0.75);
        archive("2026-W46", ReportSamples.week());
        History.store(app, "w48", 2, NOW.minus(Duration.ofDays(2)), History.localAttempt(true, 0.86, 2));
        RoutingReport r = app.report(7, Optional.empty());
        String html = HtmlReport.render(r);
        assertTrue(html.contains("Shares and rates, week over week")
                && html.contains("Average relevance, week over week"));
        assertFalse(html.contains("NaN"));
        String md = MarkdownReport.render(r);
        assertTrue(md.contains("| 2026-W48 | 100.0% |") && md.contains("| 2026-W46 | 71.4% |"), md);
    }
}
