package dev.knowledgerouter.report.weekly;

import static dev.knowledgerouter.report.weekly.WeeklySetup.MONDAY;
import static dev.knowledgerouter.report.weekly.WeeklySetup.WEEK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.ReportSchedule;
import dev.knowledgerouter.report.IsoWeek;
import dev.knowledgerouter.report.ReportArchive;
import dev.knowledgerouter.testing.FileModes;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.ManualTimer;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule inside kr serve, on a moved clock: when runs happen, what a missed one does, what is archived. */
class WeeklyReportsTest {
    @TempDir
    Path home;

    MutableClock clock = new MutableClock(MONDAY.minus(Duration.ofHours(18)));
    ManualTimer timer = new ManualTimer();
    WeeklySetup.Sleeps sleeps = new WeeklySetup.Sleeps();
    App app;

    @BeforeEach
    void open() {
        app = App.open(WeeklySetup.config(home), TestStack.embedder(), clock);
    }

    @AfterEach
    void close() {
        timer.close();
        app.close();
    }

    WeeklyReports scheduler(ManualTimer on) {
        return WeeklySetup.scheduler(app, home.resolve("kr.yaml"), on, sleeps);
    }

    List<String> archivedWeeks() {
        return app.reportArchive().list().stream()
                .map(ReportArchive.Entry::week)
                .toList();
    }

    void moveTo(Instant t) {
        clock.advance(Duration.between(clock.instant(), t));
    }

    @Test
    void theScheduleFiresOncePerWeek() {
        History.store(app, "w48", 3, MONDAY.minus(Duration.ofDays(3)), History.localAttempt(true, 0.86, 2));
        scheduler(timer).start();
        timer.runDue(clock.instant());
        assertEquals(List.of(), archivedWeeks(), "the week before held nothing to make up");
        assertEquals(List.of(MONDAY), timer.pending(), "the next run is armed");

        moveTo(MONDAY);
        assertEquals(1, timer.runDue(clock.instant()));
        assertEquals(List.of("2026-W48"), archivedWeeks());
        for (Duration later : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(6))) {
            moveTo(MONDAY.plus(later));
            assertEquals(0, timer.runDue(clock.instant()), "no second run " + later + " after the first");
        }
        moveTo(MONDAY.plus(WEEK));
        assertEquals(1, timer.runDue(clock.instant()));
        assertEquals(List.of("2026-W49", "2026-W48"), archivedWeeks(), "newest first");
        assertEquals(List.of(MONDAY.plus(WEEK).plus(WEEK)), timer.pending(), "and the week after is armed");
    }

    @Test
    void aRunMissedWhileTheServerWasDownIsMadeUpOnceAtStart() throws Exception {
        History.store(app, "w48", 3, MONDAY.minus(Duration.ofDays(3)), History.localAttempt(true, 0.86, 2));
        moveTo(MONDAY.plus(Duration.ofDays(2)));
        scheduler(timer).start();
        assertEquals(1, timer.runDue(clock.instant()), "the missed Monday run, at once");
        assertEquals(List.of("2026-W48"), archivedWeeks());
        JsonNode run = new ObjectMapper().readTree(app.reportArchive().json(IsoWeek.parse("2026-W48")));
        assertEquals("catch-up", run.path("trigger").asText());
        assertEquals(MONDAY.toString(), run.path("report").path("to").asText(), "the period ends at the missed time");
        assertEquals(3, run.path("report").path("totals").path("interactions").asInt());

        ManualTimer afterRestart = new ManualTimer();
        clock.advance(Duration.ofHours(1));
        scheduler(afterRestart).start();
        assertEquals(0, afterRestart.runDue(clock.instant()), "made up once: the next start finds it archived");
        assertEquals(List.of(MONDAY.plus(WEEK)), afterRestart.pending());
        afterRestart.close();
    }

    @Test
    void aMissedWeekWithoutAnyInteractionIsNotMadeUp() {
        moveTo(MONDAY.plus(Duration.ofDays(2)));
        scheduler(timer).start();
        timer.runDue(clock.instant());
        assertEquals(List.of(), archivedWeeks(), "nothing to report, so nothing archived and nobody notified");
    }

    @Test
    void theArchiveHoldsTheWeeksJsonAndHtmlPrivateToTheOwner() throws Exception {
        History.store(app, "w48", 2, MONDAY.minus(Duration.ofDays(2)), History.localAttempt(true, 0.86, 2));
        History.store(app, "r48", 1, MONDAY.minus(Duration.ofDays(1)), History.remote(0.62, 8));
        scheduler(timer).start();
        moveTo(MONDAY);
        timer.runDue(clock.instant());

        Path dir = home.resolve("reports");
        assertTrue(Files.isRegularFile(dir.resolve("2026-W48.json")));
        assertTrue(Files.isRegularFile(dir.resolve("2026-W48.html")));
        assertEquals(List.of(), FileModes.notOwnerOnly(dir), "reports quote stored questions");
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "written whole, no temporary file left");
        }
        JsonNode run = new ObjectMapper().readTree(dir.resolve("2026-W48.json").toFile());
        assertEquals("2026-W48", run.path("week").asText());
        assertEquals("schedule", run.path("trigger").asText());
        assertEquals(3, run.path("report").path("totals").path("interactions").asInt());
        assertEquals(
                0.6667, run.path("report").path("totals").path("local_share").asDouble());
        String html = Files.readString(dir.resolve("2026-W48.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<h2>Trends</h2>"), "the report page");
        assertTrue(html.contains("<h2>Scheduled run</h2>") && html.contains("on schedule"), "and what the run did");
        assertFalse(
                html.contains("<script") || html.contains("src=\"http"), "self-contained: no script, nothing fetched");
    }

    @Test
    void anOffScheduleArmsNothing() {
        app.close();
        KrConfig config = WeeklySetup.config(home);
        ReportSchedule off = ReportSchedule.parse("off", ZoneOffset.UTC, "report.schedule");
        app = App.open(config.withReport(config.report().withSchedule(off)), TestStack.embedder(), clock);
        History.store(app, "w47", 2, MONDAY.minus(Duration.ofDays(9)), History.localAttempt(true, 0.86, 2));
        scheduler(timer).start();
        assertEquals(List.of(), timer.pending(), "no run, and no missed run made up");
    }
}
