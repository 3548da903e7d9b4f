package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ConfigLoader;
import dev.knowledgerouter.config.DefaultProfiles;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingSettings;
import dev.knowledgerouter.report.WeeklyRun;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kr report list} and {@code kr report --revert}, in-process against the real embedded stack. */
class ReportCliTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {}

    Run kr(KrConfig config, Path configFile, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                () -> configFile,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listPrintsTheArchivedWeeksNewestFirst() {
        KrConfig config = TestStack.config(home);
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            for (String week : List.of("2026-W47", "2026-W48")) {
                app.reportArchive()
                        .write(new WeeklyRun(
                                week,
                                WeeklyRun.CATCH_UP,
                                Instant.now(),
                                app.report(7, Optional.empty()),
                                null,
                                List.of()));
            }
        }
        Run r = kr(config, home.resolve("kr.yaml"), "report", "list");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(
                List.of("2026-W48", "catch-up", "0", "–"),
                List.of(lines.get(1).split("\\s+")).subList(0, 4));
        assertTrue(lines.get(2).startsWith("2026-W47"), r.out());
        Run json = kr(config, home.resolve("kr.yaml"), "report", "list", "--json");
        assertTrue(json.out().contains("\"week\" : \"2026-W48\""), json.out());
    }

    @Test
    void listSaysWhenNothingIsArchivedYet() {
        Run r = kr(TestStack.config(home), home.resolve("kr.yaml"), "report", "list");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("no archived weekly report in "), r.out());
    }

    @Test
    void revertUndoesTheLatestApplyAndThenHasNothingLeft() throws Exception {
        KrConfig base = TestStack.config(home.resolve("data"));
        RoutingSettings r = base.routing();
        KrConfig config = base.toBuilder()
                .routing(new RoutingSettings(
                        r.defaultProfile(),
                        r.profiles(),
                        r.contextK(),
                        r.contextMinScore(),
                        r.retrievalMode(),
                        new LearningSettings(10, 0.85, 3, 0.3, 0.8, 0.9, 10)))
                .build();
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Instant yesterday = Instant.now().minus(Duration.ofDays(1));
            History.store(app, "ok", 12, yesterday, History.localAttempt(true, 0.78, 2));
            History.store(app, "bad", 4, yesterday.plusSeconds(60), History.localAttempt(false, 0.60, 2));
        }
        Path configFile = home.resolve("kr.yaml");
        Files.writeString(configFile, "server:\n  port: 9999\n");
        assertEquals(0, kr(config, configFile, "report", "--apply").exit());

        Run revert = kr(config, configFile, "report", "--revert");
        assertEquals(0, revert.exit(), revert.err());
        assertTrue(
                revert.err().contains("profile 'default' is back to relevance > 0.80 & complexity < 6"), revert.err());
        assertEquals("", revert.out(), "no report is printed");
        List<LocalRule> rules = new ConfigLoader(
                        home, Map.of("KR_HOME", home.resolve("data").toString()))
                .load()
                .routing()
                .profile("default")
                .orElseThrow()
                .localWhen();
        assertEquals(DefaultProfiles.forBgeSmall().get("default").localWhen(), rules);
        assertEquals(
                2, Files.readAllLines(home.resolve("data/reports/tuning.jsonl")).size(), "apply, then revert");

        Run again = kr(config, configFile, "report", "--revert");
        assertEquals(ReportCommand.NOT_APPLIED, again.exit());
        assertTrue(again.err().contains("nothing written: the tuning log has no threshold change left"), again.err());
    }

    @Test
    void applyAndRevertTogetherAreRefused() {
        Run r = kr(TestStack.config(home), home.resolve("kr.yaml"), "report", "--apply", "--revert");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--apply and --revert undo each other"), r.err());
    }
}
