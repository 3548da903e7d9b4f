package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.ConfigLoader;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.RoutingSettings;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.TinyBeir;
import dev.knowledgerouter.testing.WireServer;
import io.javalin.Javalin;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kr command line, run in-process with captured streams against the real embedded stack. */
class CliTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON alone: " + out, e);
            }
        }
    }

    Run kr(KrConfig config, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void queryJsonPrintsOnlyJsonOnStdout() {
        Run r = kr(TestStack.seededCopy(home), "query", "--json", "git detached HEAD state after checkout of a tag");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertFalse(j.path("interaction_id").asText().isBlank());
        assertTrue(j.path("route").has("reason"));
    }

    @Test
    void humanQueryOutputShowsTheRouteAndWhy() {
        Run r = kr(TestStack.seededCopy(home), "query", "how", "do", "I", "squash", "commits");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("route:") && r.out().contains("why:"), r.out());
    }

    @Test
    void searchJsonListsHits() {
        Run r = kr(
                TestStack.seededCopy(home),
                "search",
                "--json",
                "--k",
                "2",
                "--collection",
                "best-practices",
                "commit the lock file");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.json().path("hits").size());
    }

    @Test
    void collectionsJsonIsAList() {
        Run r = kr(TestStack.seededCopy(home), "collections", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(4, r.json().size());
    }

    @Test
    void aMissingArgumentIsAUsageErrorWithExitTwo() {
        Run r = kr(TestStack.config(home), "query");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("kr: Missing required parameter") && r.err().contains("kr query --help"), r.err());
        assertTrue(r.out().isEmpty());
    }

    @Test
    void aBadValueIsOneLineAndExitOne() {
        Run r = kr(TestStack.config(home), "search", "--k", "0", "x");
        assertEquals(1, r.exit());
        assertEquals("kr: k must be between 1 and 100, got 0", r.err().strip());
    }

    @Test
    void aBadSeedFileNamesFileAndLineAndExitsOne() throws Exception {
        Path bad = Files.write(
                home.resolve("errors.jsonl"), List.of("{\"id\":\"a\",\"error\":\"e\",\"solution\":\"s\"}", "{oops"));
        Run r = kr(
                TestStack.config(home.resolve("h")),
                "seed",
                "--file",
                bad.toString(),
                "--collection",
                "error-solutions");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(bad + ":2: not a JSON object"), r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
    }

    @Test
    void seedingTwiceReportsEverythingUnchanged() throws Exception {
        Path f = Files.write(
                home.resolve("error-solutions.jsonl"), List.of("{\"id\":\"a\",\"error\":\"e\",\"solution\":\"s\"}"));
        KrConfig config = TestStack.config(home.resolve("h"));
        assertEquals(0, kr(config, "seed", "--file", f.toString()).exit());
        Run again = kr(config, "seed", "--json", "--file", f.toString());
        assertEquals(1, again.json().get(0).path("unchanged").asInt(), again.out());
    }

    @Test
    void queryWithAUserStoresItInProcessAndThroughARunningServer() throws Exception {
        KrConfig config = TestStack.seededCopy(home);
        Run local = kr(config, "query", "--json", "--user", "alice", "docker compose port is already allocated");
        assertEquals(0, local.exit(), local.err());
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            assertEquals("alice", storedUser(app, local));
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                Run remote = kr(config, "query", "--json", "--user", "bob", "docker compose port is already allocated");
                assertEquals(0, remote.exit(), remote.err());
                assertEquals("bob", storedUser(app, remote));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void searchShowsWhereEachHitCameFromInProcessAndThroughARunningServer() throws Exception {
        KrConfig config = TestStack.seededCopy(home);
        Run local = kr(config, "search", "--k", "1", "--collection", "error-solutions", "PKIX path building failed");
        assertEquals(0, local.exit(), local.err());
        assertTrue(local.out().strip().endsWith("[seed]"), local.out());
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                Run remote = kr(config, "search", "--json", "--k", "1", "PKIX path building failed");
                assertEquals(0, remote.exit(), remote.err());
                JsonNode provenance = remote.json().path("hits").get(0).path("provenance");
                assertEquals("seed", provenance.path("source").asText(), remote.out());
                assertEquals("error-solutions.jsonl", provenance.path("file").asText(), remote.out());
            } finally {
                server.stop();
            }
        }
    }

    static Object storedUser(App app, Run query) {
        String id = query.json().path("interaction_id").asText();
        return app.store()
                .get("interaction-history", id)
                .orElseThrow()
                .payload()
                .get("user");
    }

    @Test
    void aUserOutsideTheRuleIsOneLineNamingTheRuleAndExitOne() {
        Run r = kr(TestStack.seededCopy(home), "query", "--user", "alice smith", "docker port is already allocated");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("kr: 'user' contains U+0020; it must be 1 to 128 characters"), r.err());
    }

    @Test
    void commandsGoThroughARunningServerInsteadOfFightingItForTheStore() throws Exception {
        KrConfig config = TestStack.seededCopy(home);
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                Run r = kr(config, "query", "--json", "docker compose port is already allocated");
                assertEquals(0, r.exit(), r.err());
                assertTrue(app.store()
                        .get(
                                "interaction-history",
                                r.json().path("interaction_id").asText())
                        .isPresent());

                Run seed = kr(config, "seed");
                assertEquals(1, seed.exit());
                assertTrue(seed.err().contains("`kr serve` is running on this home"), seed.err());
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void evalRetrievalJsonHasTheDocumentedKeysForEveryMode() throws Exception {
        Path beir = TinyBeir.write(home.resolve("tiny"));
        Run r = kr(TestStack.config(home.resolve("h")), "eval", "retrieval", "--beir", beir.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode results = r.json();
        assertEquals(3, results.size());
        for (JsonNode m : results) {
            for (String key : List.of(
                    "mode",
                    "ndcg_at_10",
                    "recall_at_100",
                    "mrr_at_10",
                    "queries",
                    "corpus",
                    "index_seconds",
                    "query_ms_p50")) {
                assertTrue(m.has(key), key + " missing in " + m);
            }
        }
        assertTrue(r.err().contains("index tiny"), "progress on stderr: " + r.err());
    }

    @Test
    void evalRetrievalOnAFolderNotInBeirLayoutSaysWhatIsMissing() throws Exception {
        Files.createDirectories(home.resolve("empty"));
        Run r = kr(
                TestStack.config(home.resolve("h")),
                "eval",
                "retrieval",
                "--beir",
                home.resolve("empty").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("not in BEIR layout") && r.err().contains("corpus.jsonl is missing"), r.err());
        Run badMode = kr(
                TestStack.config(home.resolve("h")),
                "eval",
                "retrieval",
                "--beir",
                home.toString(),
                "--mode",
                "semantic");
        assertEquals(1, badMode.exit());
        assertTrue(badMode.err().contains("--mode must be dense, bm25, hybrid or all"), badMode.err());
    }

    @Test
    void modelsMarksTheConfiguredModelsTheHostLacks() {
        try (WireServer ollama = new WireServer()
                .on(
                        "/api/tags",
                        WireServer.Reply.json(
                                200,
                                "{\"models\":[{\"name\":\"qwen2.5-coder:7b\",\"size\":4683087332,\"details\":{\"parameter_size\":\"7.6B\"}}]}"))) {
            KrConfig base = TestStack.config(home);
            KrConfig config = base.withOllama(new OllamaSettings(
                    ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5), List.of("llama3.2:3b")));
            Run r = kr(config, "models");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("qwen2.5-coder:7b") && r.out().contains("present"), r.out());
            assertTrue(
                    r.out().contains("llama3.2:3b") && r.out().contains("MISSING: run `kr models pull llama3.2:3b`"),
                    r.out());
        }
        Run down = kr(TestStack.config(home), "models");
        assertEquals(1, down.exit());
        assertTrue(down.err().startsWith("kr: no Ollama at"), down.err());
    }

    @Test
    void anInvalidConfigIsOneLineNamingTheKey() throws Exception {
        Path dir = Files.createDirectories(home.resolve("w"));
        Files.writeString(dir.resolve("kr.yaml"), "server:\n  prot: 80\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> new ConfigLoader(dir, Map.of()).load(),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, Main.run(ctx, "collections"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith("kr: kr.yaml: server.prot is not a known key"),
                err.toString());
    }

    @Test
    void reportApplyRefusesASmallSampleAndWritesNothing() {
        Path configFile = home.resolve("kr.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrConfig config = TestStack.seededCopy(home.resolve("data"));
        assertEquals(
                0,
                kr(config, "query", "git detached HEAD state after checkout of a tag")
                        .exit(),
                "one interaction in the period");
        KrContext ctx = new KrContext(
                () -> config,
                () -> configFile,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, "report", "--apply");
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(ReportCommand.NOT_APPLIED, exit, stderr);
        assertTrue(stderr.contains("nothing written") && stderr.contains("too little evidence"), stderr);
        assertFalse(Files.exists(configFile), "kr.yaml is not touched");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("#"), "the Markdown report is still printed");
    }

    @Test
    void reportJsonIsJsonAloneAndAnUnknownFormatIsRefused() {
        KrConfig config = TestStack.seededCopy(home);
        Run r = kr(config, "report", "--json", "--days", "3");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.json().path("days").asInt());
        Run bad = kr(config, "report", "--format", "pdf");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("--format must be md, html or json"), bad.err());
    }

    @Test
    void reportApplyWritesTheTunedThresholdsWithABackupWhenTheSampleIsLargeEnough() throws Exception {
        KrConfig seeded = TestStack.seededCopy(home.resolve("data"));
        RoutingSettings r = seeded.routing();
        KrConfig config = seeded.toBuilder()
                .routing(new RoutingSettings(
                        r.defaultProfile(),
                        r.profiles(),
                        r.contextK(),
                        r.contextMinScore(),
                        r.retrievalMode(),
                        new LearningSettings(10, 0.85, 3, 0.3, 0.8, 0.9, 10)))
                .build();
        // Twelve local successes at relevance 0.78 (below the default bar of 0.80) and four failures at 0.60.
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            float[] v = TestStack.embedder().embed("how do I squash commits", Embedder.Purpose.QUERY);
            for (int i = 0; i < 16; i++) {
                boolean ok = i < 12;
                Map<String, Object> p = Map.of(
                        "query",
                        "q" + i,
                        "answered_by",
                        ok ? "local" : "remote",
                        "outcome",
                        ok ? "success" : "escalated",
                        "relevance",
                        ok ? 0.78 : 0.60,
                        "complexity",
                        2,
                        "profile",
                        "default",
                        "attempts",
                        List.of(Map.of("model", "ollama/qwen2.5-coder:7b", "outcome", ok ? "SUCCESS" : "FAILURE")));
                app.store()
                        .upsert(
                                CollectionCatalog.HISTORY,
                                List.of(new Entry("h" + i, p, v, Instant.now().minusSeconds(60))));
            }
        }
        Path configFile = home.resolve("kr.yaml");
        Files.writeString(configFile, "# mine\nserver:\n  port: 9999\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                () -> configFile,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, "report", "--apply");
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, stderr);
        assertTrue(stderr.contains("wrote profile 'default' thresholds to " + configFile), stderr);
        KrConfig reloaded =
                new ConfigLoader(home, Map.of("KR_HOME", home.resolve("data").toString())).load();
        List<LocalRule> rules =
                reloaded.routing().profile("default").orElseThrow().localWhen();
        assertEquals(1, rules.size(), rules.toString());
        assertTrue(rules.getFirst().admits(0.78, 2) && !rules.getFirst().admits(0.60, 2), rules.toString());
        assertEquals(9999, reloaded.server().port(), "the rest of kr.yaml is kept");
        try (var files = Files.list(home)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("kr.yaml.bak-")), "a backup is kept");
        }
    }
}
