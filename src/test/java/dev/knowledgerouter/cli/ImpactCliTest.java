package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.GitRepository;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kr impact} in-process on a git repository analysed in the test. */
class ImpactCliTest {
    @TempDir
    Path home;

    @TempDir
    Path checkout;

    private KrConfig config;

    @BeforeEach
    void setUp() throws IOException {
        GitRepository.init(checkout)
                .write("calc/ops.py", "def add(a, b):\n    return a + b\n")
                .write("calc/main.py", "from calc.ops import add\n\n\ndef run():\n    return add(1, 2)\n")
                .commit("calc");
        config = TestStack.config(home);
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            app.code().analyze(new AnalysisRequest(checkout, "calc", SummaryMode.NONE), Progress.NONE);
        }
        Files.writeString(checkout.resolve("calc/ops.py"), "def add(a, b):\n    return b + a\n");
    }

    @Test
    void jsonPrintsTheReportAloneOnStdout() {
        CliTest.Run r = new CliTest().kr(config, "impact", "--repo", "calc", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = r.json();
        assertEquals("calc", report.path("repository").asText());
        assertEquals("HEAD", report.path("base").asText());
        assertEquals(2, report.path("changed").size());
        assertTrue(report.path("affected").toString().contains("function:calc/main.py:run"), report.toString());
    }

    @Test
    void humanOutputListsTheFilesAndEachNodeWithItsDistanceAndWhy() {
        CliTest.Run r = new CliTest().kr(config, "impact", "--repo", "calc");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  modified  calc/ops.py"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "function:calc/main.py:run  (function:calc/main.py:run calls function:calc/ops.py:add)"),
                r.out());
    }

    @Test
    void aBaseThatLooksLikeAnOptionFailsWithAMessageOnStderr() {
        CliTest.Run r = new CliTest().kr(config, "impact", "--repo", "calc", "--base=--output=/tmp/x");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("would be read as an option"), r.err());
        assertEquals("", r.out());
    }
}
