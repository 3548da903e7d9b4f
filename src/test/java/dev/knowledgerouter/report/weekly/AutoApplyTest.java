package dev.knowledgerouter.report.weekly;

import static dev.knowledgerouter.report.weekly.WeeklySetup.MONDAY;
import static dev.knowledgerouter.report.weekly.WeeklySetup.WEEK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.ConfigLoader;
import dev.knowledgerouter.config.DefaultProfiles;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.report.IsoWeek;
import dev.knowledgerouter.report.ThresholdChanges;
import dev.knowledgerouter.report.TuningChange;
import dev.knowledgerouter.report.TuningLog;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.ManualTimer;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routing.auto_apply}: the scheduled run writes tuned thresholds only under its guard, logs each
 * change, routes with it at once, can be reverted, and the next week says whether its prediction held.
 */
class AutoApplyTest {
    static final List<LocalRule> SHIPPED =
            DefaultProfiles.forBgeSmall().get("default").localWhen();

    @TempDir
    Path home;

    MutableClock clock = new MutableClock(MONDAY.minus(Duration.ofDays(1)));
    ManualTimer timer = new ManualTimer();
    WeeklySetup.Sleeps sleeps = new WeeklySetup.Sleeps();
    App app;
    Path configFile;

    @AfterEach
    void close() {
        timer.close();
        if (app != null) {
            app.close();
        }
    }

    /**
     * Week 48: twelve local successes at relevance 0.78 and four local failures at 0.60, all simple. The
     * replay keeps the twelve local with one rule instead of the shipped three, at 100% success.
     */
    void weekOfTunableHistory(boolean autoApply, int minSample) throws Exception {
        configFile = home.resolve("kr.yaml");
        Files.writeString(configFile, "server:\n  port: 9999\n");
        KrConfig config = WeeklySetup.config(home.resolve("data"), autoApply, minSample, List.of());
        app = App.open(config, TestStack.embedder(), clock);
        History.store(app, "ok", 12, MONDAY.minus(Duration.ofDays(3)), History.localAttempt(true, 0.78, 2));
        History.store(app, "bad", 4, MONDAY.minus(Duration.ofDays(2)), History.localAttempt(false, 0.60, 2));
        WeeklySetup.scheduler(app, configFile, timer, sleeps).start();
        timer.runDue(clock.instant());
    }

    void runMonday(int weeksLater) {
        clock.advance(Duration.between(clock.instant(), MONDAY.plus(WEEK.multipliedBy(weeksLater))));
        timer.runDue(clock.instant());
    }

    JsonNode archived(String week) throws Exception {
        return new ObjectMapper().readTree(app.reportArchive().json(IsoWeek.parse(week)));
    }

    List<LocalRule> rulesInFile() {
        KrConfig reloaded =
                new ConfigLoader(home, Map.of("KR_HOME", home.resolve("data").toString())).load();
        return reloaded.routing().profile("default").orElseThrow().localWhen();
    }

    TuningLog log() {
        return new TuningLog(home.resolve("data").resolve("reports"), WireJson.mapper());
    }

    @Test
    void whenTheGuardHoldsTheTunedThresholdsAreWrittenLoggedAndRoutedWith() throws Exception {
        weekOfTunableHistory(true, 10);
        runMonday(0);

        List<LocalRule> tuned = rulesInFile();
        assertEquals(1, tuned.size(), tuned.toString());
        assertTrue(tuned.getFirst().admits(0.78, 2) && !tuned.getFirst().admits(0.60, 2), tuned.toString());
        assertEquals(9999, new ConfigLoader(home, Map.of()).load().server().port(), "the rest of kr.yaml stays");
        try (var files = Files.list(home)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("kr.yaml.bak-")), "a backup is kept");
        }

        List<TuningChange> changes = log().read();
        assertEquals(1, changes.size());
        TuningChange c = changes.getFirst();
        assertEquals(TuningChange.APPLY, c.action());
        assertEquals("schedule", c.source());
        assertEquals("2026-W48", c.week());
        assertEquals(SHIPPED, c.before());
        assertEquals(tuned, c.after());
        assertEquals(12, c.sample());
        assertEquals(1.0, c.predicted().successRate());
        assertEquals(0.75, c.predicted().localShare());

        assertEquals(tuned, app.report(7, Optional.empty()).tuning().current().rules(), "the server routes with them");
        JsonNode autoTuning = archived("2026-W48").path("auto_tuning");
        assertTrue(autoTuning.path("applied").asBoolean(), autoTuning.toString());
        assertEquals(tuned.size(), autoTuning.path("change").path("after").size());
    }

    @Test
    void belowTheSampleGuardNothingIsWrittenAndTheReportSaysWhy() throws Exception {
        weekOfTunableHistory(true, 100);
        runMonday(0);

        assertEquals("server:\n  port: 9999\n", Files.readString(configFile), "kr.yaml untouched");
        assertEquals(List.of(), log().read(), "no change, no log line");
        JsonNode autoTuning = archived("2026-W48").path("auto_tuning");
        assertTrue(autoTuning.path("enabled").asBoolean());
        assertFalse(autoTuning.path("applied").asBoolean());
        assertTrue(autoTuning.path("reason").asText().contains("too little evidence"), autoTuning.toString());
        assertEquals(SHIPPED, app.report(7, Optional.empty()).tuning().current().rules());
    }

    @Test
    void withAutoApplyOffTheRecommendationStaysARecommendation() throws Exception {
        weekOfTunableHistory(false, 10);
        runMonday(0);

        assertEquals("server:\n  port: 9999\n", Files.readString(configFile));
        assertEquals(List.of(), log().read());
        JsonNode autoTuning = archived("2026-W48").path("auto_tuning");
        assertFalse(autoTuning.path("enabled").asBoolean());
        assertTrue(archived("2026-W48")
                .path("report")
                .path("tuning")
                .path("applicable")
                .asBoolean());
    }

    @Test
    void revertRestoresThePreviousThresholdsAndLogsIt() throws Exception {
        weekOfTunableHistory(true, 10);
        runMonday(0);
        List<LocalRule> tuned = rulesInFile();
        clock.advance(Duration.ofHours(2));

        ThresholdChanges changes = new ThresholdChanges(configFile, log(), clock);
        TuningChange revert = changes.revert("kr report --revert").orElseThrow();

        assertEquals(SHIPPED, rulesInFile());
        assertEquals(TuningChange.REVERT, revert.action());
        assertEquals(tuned, revert.before());
        assertEquals(SHIPPED, revert.after());
        assertEquals(MONDAY, revert.reverts(), "names the change it undid");
        assertEquals(2, log().read().size(), "the log keeps both");
        assertEquals(Optional.empty(), changes.revert("kr report --revert"), "nothing left to undo");
    }

    @Test
    void theNextWeeksReportSaysThePredictionHeld() throws Exception {
        weekOfTunableHistory(true, 10);
        runMonday(0);
        History.store(app, "w49", 24, MONDAY.plus(Duration.ofDays(2)), History.localAttempt(true, 0.78, 2));
        runMonday(1);

        JsonNode check = archived("2026-W49").path("report").path("trends").path("last_change");
        assertEquals(MONDAY.toString(), check.path("at").asText());
        assertEquals(1.0, check.path("predicted_success_rate").asDouble());
        assertEquals(24, check.path("measured_known").asInt());
        assertEquals(1.0, check.path("measured_success_rate").asDouble());
        assertTrue(check.path("held").asBoolean(), check.toString());
        assertTrue(check.path("verdict").asText().endsWith("the prediction held"), check.toString());
    }

    @Test
    void theNextWeeksReportSaysWhenThePredictionDidNotHold() throws Exception {
        weekOfTunableHistory(true, 10);
        runMonday(0);
        History.store(app, "ok49", 10, MONDAY.plus(Duration.ofDays(2)), History.localAttempt(true, 0.78, 2));
        History.store(app, "bad49", 14, MONDAY.plus(Duration.ofDays(3)), History.localAttempt(false, 0.78, 2));
        runMonday(1);

        JsonNode check = archived("2026-W49").path("report").path("trends").path("last_change");
        assertNotNull(check);
        assertEquals(0.4167, check.path("measured_success_rate").asDouble());
        assertFalse(check.path("held").asBoolean(), check.toString());
        assertTrue(check.path("verdict").asText().contains("kr report --revert"), check.toString());
        assertNotEquals("", check.path("verdict").asText());
    }
}
