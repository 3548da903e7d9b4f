package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.graph.TourStep;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.RawHttp;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/repos/{name}/overview} on the layered fixture analysed into the real embedded store: the stored
 * layers and tour with their node ids resolved, and its refusals.
 */
class RepositoryOverviewApiTest {
    @TempDir
    static Path home;

    @TempDir
    static Path checkout;

    @TempDir
    static Path other;

    static App app;
    static Javalin server;
    static KnowledgeGraph stored;

    @BeforeAll
    static void start() throws Exception {
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/layered"), checkout);
        app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        app.code().analyze(new AnalysisRequest(checkout, "ledger", SummaryMode.NONE), Progress.NONE);
        stored = GraphFile.read(home.resolve("graphs/ledger/graph.json")).graph();
        server = new HttpApi(app).create().start();
        HttpApiTest.base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static JsonNode overview() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/ledger/overview");
        assertEquals(200, r.status(), r.body().toString());
        return r.body();
    }

    @Test
    void theDescriptionFrameworksAndLanguagesAreTheStoredProjects() throws Exception {
        JsonNode o = overview();
        assertEquals("ledger", o.path("name").asText());
        assertEquals(
                "Ledger keeps double-entry accounts for small shops and prints monthly statements.",
                o.path("description").asText());
        assertEquals(List.of("Flask", "pytest", "SQLAlchemy"), texts(o.path("frameworks")));
        assertEquals(stored.project().languages(), texts(o.path("languages")));
        assertEquals(stored.project().analyzedAt(), o.path("analyzed_at").asText());
        assertEquals(stored.nodes().size(), o.path("nodes").asInt());
    }

    @Test
    void eachLayerListsTheStoredMembersInOrderWithNamesFilesAndReasons() throws Exception {
        JsonNode layers = overview().path("layers");
        assertEquals(stored.layers().size(), layers.size());
        for (int i = 0; i < layers.size(); i++) {
            GraphLayer expected = stored.layers().get(i);
            JsonNode layer = layers.get(i);
            assertEquals(expected.id(), layer.path("id").asText());
            assertEquals(expected.name(), layer.path("name").asText());
            assertEquals(expected.nodeIds().size(), layer.path("size").asInt());
            List<String> ids = new ArrayList<>();
            for (JsonNode member : layer.path("members")) {
                ids.add(member.path("id").asText());
                assertEquals(
                        expected.reasons().get(member.path("id").asText()),
                        member.path("reason").asText());
            }
            assertEquals(expected.nodeIds(), ids);
        }
        JsonNode services = layers.get(1);
        assertEquals("layer:services", services.path("id").asText());
        JsonNode accounts = services.path("members").get(0);
        assertEquals("file:src/ledger/services/accounts.py", accounts.path("id").asText());
        assertEquals("accounts.py", accounts.path("name").asText());
        assertEquals("file", accounts.path("type").asText());
        assertEquals(
                "src/ledger/services/accounts.py", accounts.path("file_path").asText());
        assertTrue(
                accounts.path("reason").asText().startsWith("in src/ledger/services/, at dependency depth 2 of 3"),
                accounts.toString());
    }

    @Test
    void theTourIsInOrderAndEachStopNamesItsNodesFileFirst() throws Exception {
        JsonNode tour = overview().path("tour");
        assertEquals(stored.tour().size(), tour.size());
        for (int i = 0; i < tour.size(); i++) {
            TourStep expected = stored.tour().get(i);
            JsonNode stop = tour.get(i);
            assertEquals(i + 1, stop.path("order").asInt());
            assertEquals(expected.title(), stop.path("title").asText());
            assertEquals(expected.description(), stop.path("description").asText());
            assertEquals(expected.nodeIds(), texts(stop.path("nodes"), "id"));
        }
        JsonNode accounts = tour.get(4);
        assertEquals("accounts.py (services)", accounts.path("title").asText());
        assertEquals(List.of("file", "function", "function"), texts(accounts.path("nodes"), "type"));
        assertEquals(List.of("accounts.py", "open_account", "transfer"), texts(accounts.path("nodes"), "name"));
        assertEquals(
                List.of(
                        "src/ledger/services/accounts.py",
                        "src/ledger/services/accounts.py",
                        "src/ledger/services/accounts.py"),
                texts(accounts.path("nodes"), "file_path"));
    }

    @Test
    void anUnknownRepositoryIsNotFoundAndSaysHowToAnalyseOne() throws Exception {
        HttpApiTest.assertError(HttpApiTest.get("/v1/repos/nope/overview"), 404, "unknown_repository", "nope");
    }

    @Test
    void anInvalidRepositoryNameIsABadRequest() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/Not..Valid/overview");
        assertEquals(400, r.status(), r.body().toString());
        assertFalse(r.body().path("message").asText().isBlank(), r.body().toString());
    }

    @Test
    void aGraphFileThatCannotBeReadIsAConflictThatSaysToAnalyseAgain() throws Exception {
        Files.writeString(other.resolve("a.py"), "def a():\n    return 1\n");
        app.code().analyze(new AnalysisRequest(other, "broken", SummaryMode.NONE), Progress.NONE);
        Files.writeString(home.resolve("graphs/broken/graph.json"), "{\"nodes\": [");
        HttpApiTest.assertError(HttpApiTest.get("/v1/repos/broken/overview"), 409, "damaged_graph", "run kr analyze");
    }

    @Test
    void aForeignHostIsRefusedAsOnEveryRoute() {
        RawHttp.Response r = RawHttp.send(
                server.port(),
                "GET",
                "/v1/repos/ledger/overview",
                Map.of("Host", "evil.example:" + server.port()),
                null);
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("host_not_allowed"), r.body());
        assertFalse(r.body().contains("layer:"), "nothing of the graph leaks: " + r.body());
    }

    @Test
    void aPageOfAnotherOriginIsRefused() {
        RawHttp.Response r = RawHttp.send(
                server.port(),
                "GET",
                "/v1/repos/ledger/overview",
                Map.of(
                        "Host",
                        "127.0.0.1:" + server.port(),
                        "Origin",
                        "https://evil.example",
                        "Sec-Fetch-Site",
                        "cross-site"),
                null);
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("origin_not_allowed"), r.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
