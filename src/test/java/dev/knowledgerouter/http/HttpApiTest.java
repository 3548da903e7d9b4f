package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over a real port, on the seeded embedded stack. */
class HttpApiTest {
    @TempDir
    static Path home;

    static App app;
    static Javalin server;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    record Response(int status, JsonNode body, String contentType) {}

    @BeforeAll
    static void start() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(
                r.statusCode(),
                json.readTree(r.body()),
                r.headers().firstValue("Content-Type").orElse(""));
    }

    static Response post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static Response get(String pathAndQuery) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
    }

    static void assertError(Response r, int status, String code, String mentions) {
        assertEquals(status, r.status(), r.body().toString());
        assertEquals(code, r.body().path("error").asText(), r.body().toString());
        assertTrue(
                r.body().path("message").asText().contains(mentions), r.body().toString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertFalse(r.body().toString().contains("at dev.knowledgerouter"), "no stack trace");
    }

    @Test
    void aQueryIsAnsweredWithRouteContextAndAnInteractionIdThatIsAlreadyStored() throws Exception {
        Response r =
                post("/v1/query", "{\"query\": \"mvn dependency resolution fails with PKIX path building failed\"}");
        assertEquals(200, r.status(), r.body().toString());
        JsonNode route = r.body().path("route");
        assertEquals("retrieval", route.path("target").asText());
        assertEquals("local", route.path("decided").asText());
        assertTrue(route.path("relevance").asDouble() > 0.75, route.toString());
        assertTrue(route.path("complexity").asInt() >= 1);
        assertFalse(route.path("reason").asText().isBlank());
        assertEquals(
                "maven-pkix-path-building-failed",
                r.body().path("context").get(0).path("id").asText());
        assertTrue(r.body().path("latency_ms").isIntegralNumber());
        String id = r.body().path("interaction_id").asText();
        assertTrue(app.store().get(CollectionCatalog.HISTORY, id).isPresent());
    }

    @Test
    void malformedJsonIsA400ThatSaysSo() throws Exception {
        assertError(post("/v1/query", "{\"query\": "), 400, "malformed_json", "not valid JSON");
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400() throws Exception {
        assertError(post("/v1/query", "[\"query\"]"), 400, "invalid_request", "JSON object");
    }

    @Test
    void aMissingQueryIsA400() throws Exception {
        assertError(post("/v1/query", "{\"profile\": \"default\"}"), 400, "invalid_request", "'query' is missing");
    }

    @Test
    void anEmptyQueryIsA400() throws Exception {
        assertError(post("/v1/query", "{\"query\": \"   \"}"), 400, "invalid_request", "missing or empty");
    }

    @Test
    void aQueryThatIsNotTextIsA400() throws Exception {
        assertError(post("/v1/query", "{\"query\": 42}"), 400, "invalid_request", "must be a string");
    }

    @Test
    void anUnknownProfileIsA400NamingTheKnownOnes() throws Exception {
        assertError(post("/v1/query", "{\"query\": \"q\", \"profile\": \"yolo\"}"), 400, "unknown_profile", "critical");
    }

    @Test
    void aQueryNamingItsUserStoresTheUserWithTheInteraction() throws Exception {
        Response r = post("/v1/query", "{\"query\": \"docker port already allocated\", \"user\": \"alice@x.example\"}");
        assertEquals(200, r.status(), r.body().toString());
        String id = r.body().path("interaction_id").asText();
        Object stored = app.store()
                .get(CollectionCatalog.HISTORY, id)
                .orElseThrow()
                .payload()
                .get("user");
        assertEquals("alice@x.example", stored);
    }

    @Test
    void aUserOutsideTheRuleIsA400NamingTheRuleAndNothingIsStored() throws Exception {
        long before = app.store().count(CollectionCatalog.HISTORY);
        assertError(
                post("/v1/query", "{\"query\": \"q\", \"user\": \"alice smith\"}"),
                400,
                "invalid_request",
                "'user' contains U+0020; it must be 1 to 128 characters from letters, digits and . _ - @ +");
        String tooLong = "{\"query\": \"q\", \"user\": \"" + "a".repeat(129) + "\"}";
        assertError(post("/v1/query", tooLong), 400, "invalid_request", "'user' has 129 characters");
        assertError(
                post("/v1/query", "{\"query\": \"q\", \"user\": 7}"),
                400,
                "invalid_request",
                "'user' must be a string");
        assertEquals(before, app.store().count(CollectionCatalog.HISTORY));
    }

    @Test
    void anOversizedBodyIsA413() throws Exception {
        String big = "{\"query\": \"" + "x".repeat((int) ServerSettings.DEFAULT_MAX_BODY_BYTES + 10) + "\"}";
        assertError(post("/v1/query", big), 413, "body_too_large", "max_body_kb");
    }

    @Test
    void searchReturnsScoredHitsFromTheNamedCollection() throws Exception {
        Response r = get("/v1/search?q=" + URLEncoder.encode("detached HEAD", StandardCharsets.UTF_8)
                + "&collection=error-solutions&k=3");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(3, r.body().path("hits").size());
        r.body()
                .path("hits")
                .forEach(h ->
                        assertEquals("error-solutions", h.path("collection").asText()));
        assertTrue(r.body().path("hits").get(0).path("rank_score").asDouble()
                >= r.body().path("hits").get(1).path("rank_score").asDouble());
    }

    @Test
    void eachSearchHitSaysWhereTheEntryCameFromAndKeepsThatOutOfItsPayload() throws Exception {
        String q = URLEncoder.encode("detached HEAD", StandardCharsets.UTF_8);
        Response r = get("/v1/search?q=" + q + "&collection=error-solutions&k=1");
        assertEquals(200, r.status(), r.body().toString());
        JsonNode hit = r.body().path("hits").get(0);
        assertEquals("seed", hit.path("provenance").path("source").asText(), hit.toString());
        assertEquals(
                "error-solutions.jsonl", hit.path("provenance").path("file").asText(), hit.toString());
        assertFalse(hit.path("provenance").path("at").asText().isEmpty(), hit.toString());
        assertFalse(hit.path("payload").has("_provenance"), hit.toString());
    }

    @Test
    void searchingAnUnknownCollectionIsA404NamingTheKnownOnes() throws Exception {
        assertError(get("/v1/search?q=x&collection=nope"), 404, "unknown_collection", "error-solutions");
    }

    @Test
    void searchWithoutTextIsA400() throws Exception {
        assertError(get("/v1/search?collection=error-solutions"), 400, "invalid_request", "search text is missing");
    }

    @Test
    void aNonNumericOrOutOfRangeKIsA400() throws Exception {
        assertError(get("/v1/search?q=x&k=ten"), 400, "invalid_request", "whole number");
        assertError(get("/v1/search?q=x&k=0"), 400, "invalid_request", "between 1 and 100");
    }

    @Test
    void collectionsListsEveryCollectionWithItsSizeAndEmbedder() throws Exception {
        Response r = get("/v1/collections");
        assertEquals(200, r.status());
        JsonNode first = r.body().path("collections").get(0);
        assertTrue(first.has("name")
                && first.has("count")
                && first.path("embedder").asText().startsWith("bge-small"));
        assertEquals(4, r.body().path("collections").size());
    }

    @Test
    void healthReportsTheParts() throws Exception {
        Response r = get("/health");
        assertEquals(200, r.status());
        assertEquals("ok", r.body().path("status").asText());
        assertFalse(r.body().path("claude").path("configured").asBoolean());
    }

    @Test
    void anUnknownEndpointIsAJson404() throws Exception {
        assertError(get("/v2/nothing"), 404, "not_found", "/v2/nothing");
    }

    @Test
    void feedbackIsRecordedAndBadFeedbackInputIsA4xx() throws Exception {
        String id = post("/v1/query", "{\"query\": \"npm ERESOLVE unable to resolve dependency tree\"}")
                .body()
                .path("interaction_id")
                .asText();
        Response ok =
                post("/v1/interactions/" + id + "/feedback", "{\"verdict\": \"bad\", \"note\": \"wrong package\"}");
        assertEquals(200, ok.status(), ok.body().toString());
        assertEquals("failure", ok.body().path("outcome").asText());
        assertError(
                post("/v1/interactions/nope/feedback", "{\"verdict\": \"good\"}"),
                404,
                "unknown_interaction",
                "'nope'");
        assertError(
                post("/v1/interactions/" + id + "/feedback", "{\"verdict\": \"meh\"}"),
                400,
                "invalid_request",
                "\"good\" or \"bad\"");
        assertError(post("/v1/interactions/" + id + "/feedback", "{}"), 400, "invalid_request", "verdict is missing");
    }

    @Test
    void aFeedbackNoteOverTwoThousandCharactersIsA400NamingTheLimit() throws Exception {
        String id = post("/v1/query", "{\"query\": \"git detached HEAD after checkout\"}")
                .body()
                .path("interaction_id")
                .asText();
        String note = "x".repeat(2_001);
        assertError(
                post("/v1/interactions/" + id + "/feedback", "{\"verdict\": \"bad\", \"note\": \"" + note + "\"}"),
                400,
                "invalid_request",
                "keep it to 2000 or fewer");
        Response rated = post(
                "/v1/interactions/" + id + "/feedback",
                "{\"verdict\": \"bad\", \"note\": \"" + note.substring(1) + "\"}");
        assertEquals(200, rated.status(), rated.body().toString());
        assertEquals(1, rated.body().path("feedback_count").asInt());
    }

    @Test
    void storedInteractionsAreNotSearchable() throws Exception {
        assertError(get("/v1/search?q=x&collection=interaction-history"), 400, "invalid_request", "not searchable");
    }

    @Test
    void parallelQueriesAreAllAnsweredAndAllStored() throws Exception {
        long before = app.store().count(CollectionCatalog.HISTORY);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        // Own threads: the common pool has one thread on two cores, which would send these one by one.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return post(
                                    "/v1/query",
                                    "{\"query\": \"git push rejected non-fast-forward number " + n + "\"}");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    clients));
        }
        clients.shutdown();
        for (var c : calls) {
            Response r = c.get();
            assertEquals(200, r.status(), r.body().toString());
            assertTrue(app.store()
                    .get(
                            CollectionCatalog.HISTORY,
                            r.body().path("interaction_id").asText())
                    .isPresent());
        }
        assertEquals(before + 8, app.store().count(CollectionCatalog.HISTORY));
    }

    @Test
    void theReportIsJsonByDefaultWithItsTotalsAndTuning() throws Exception {
        Response r = get("/v1/report?days=7");
        assertEquals(200, r.status(), r.body().toString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(0.7, r.body().path("totals").path("local_target").asDouble());
        assertEquals("default", r.body().path("tuning").path("profile").asText());
        assertTrue(r.body().path("tuning").path("verdict").isTextual());
    }

    @Test
    void aBrowserGetsTheReportAsHtmlWithItsCharts() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/report?days=7"))
                        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("<svg"), "the page draws its charts inline");
    }

    @Test
    void badReportParametersAre400sThatNameTheFix() throws Exception {
        assertError(get("/v1/report?days=0"), 400, "invalid_request", "between 1 and 366");
        assertError(get("/v1/report?days=week"), 400, "invalid_request", "whole number of days");
        assertError(get("/v1/report?format=pdf"), 400, "invalid_request", "json, html or md");
        assertError(get("/v1/report?profile=nope"), 400, "unknown_profile", "nope");
    }

    @Test
    void recentInteractionsAreListedNewestFirstWithTheirRouteAndOutcome() throws Exception {
        String first = post("/v1/query", "{\"query\": \"git checkout says you are in detached HEAD state\"}")
                .body()
                .path("interaction_id")
                .asText();
        String second = post(
                        "/v1/query", "{\"query\": \"mvn dependency resolution fails with PKIX path building failed\"}")
                .body()
                .path("interaction_id")
                .asText();
        post("/v1/interactions/" + first + "/feedback", "{\"verdict\": \"good\"}");

        Response r = get("/v1/interactions?limit=2");
        assertEquals(200, r.status(), r.body().toString());
        JsonNode list = r.body().path("interactions");
        assertEquals(2, list.size(), list.toString());
        JsonNode newest = list.get(0);
        assertEquals(second, newest.path("id").asText());
        assertEquals(
                "mvn dependency resolution fails with PKIX path building failed",
                newest.path("query").asText());
        assertEquals("retrieval", newest.path("route").path("target").asText());
        assertEquals("local", newest.path("route").path("decided").asText());
        assertTrue(newest.path("route").path("relevance").asDouble() > 0.75, newest.toString());
        assertFalse(newest.path("route").path("reasons").isEmpty(), newest.toString());
        assertFalse(newest.path("answer").asText().isBlank());
        assertTrue(newest.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), newest.toString());
        assertEquals(0, newest.path("feedback").asInt());
        JsonNode rated = list.get(1);
        assertEquals(first, rated.path("id").asText());
        assertEquals("success", rated.path("outcome").asText());
        assertEquals("good", rated.path("verdict").asText());
        assertEquals(1, rated.path("feedback").asInt());
    }

    @Test
    void theInteractionListHasADefaultLimitAndRefusesABadOne() throws Exception {
        post("/v1/query", "{\"query\": \"npm ERESOLVE unable to resolve dependency tree\"}");
        Response r = get("/v1/interactions");
        assertEquals(200, r.status(), r.body().toString());
        assertTrue(r.body().path("interactions").size() >= 1
                && r.body().path("interactions").size() <= IntParam.INTERACTIONS.fallback());
        assertError(get("/v1/interactions?limit=0"), 400, "invalid_request", "between 1 and 100");
        assertError(get("/v1/interactions?limit=101"), 400, "invalid_request", "between 1 and 100");
        assertError(get("/v1/interactions?limit=many"), 400, "invalid_request", "whole number");
    }

    static HttpResponse<String> raw(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardIsServedAtTheRootWithItsScriptAndStylesheet() throws Exception {
        HttpResponse<String> page = raw("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"dashboard/app.js\""), page.body());
        assertTrue(page.body().contains("href=\"dashboard/style.css\""), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), csp);

        HttpResponse<String> script = raw("/dashboard/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(
                script.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                script.headers().toString());
        assertFalse(script.body().contains("innerHTML"), "data reaches the page as text only");
        HttpResponse<String> style = raw("/dashboard/style.css");
        assertEquals(200, style.statusCode());
        assertTrue(
                style.headers().firstValue("Content-Type").orElse("").startsWith("text/css"),
                style.headers().toString());
    }

    @Test
    void theDashboardFolderLeadsToTheRootAndAMissingFileIsAJson404() throws Exception {
        HttpResponse<String> folder = raw("/dashboard/");
        assertEquals(302, folder.statusCode());
        assertEquals("/", folder.headers().firstValue("Location").orElse(""));
        assertError(get("/dashboard/nothing.js"), 404, "not_found", "/dashboard/nothing.js");
    }
}
