package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local answer the checks doubt, with no Claude to escalate to, on every HTTP interface that shows the
 * route: {@code /v1/query}, {@code /v1/interactions} and the OpenAI-compatible {@code kr_route} and
 * headers all say {@code unverified} and which checks failed.
 */
class UnverifiedAnswerApiTest {
    static final String HEDGING = "I'm not sure, but I think you might need to restart something. I don't know"
            + " the exact cause of this error.";
    static final String QUESTION = "mvn dependency resolution fails with PKIX path building failed";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer()
            .on(
                    "/api/chat",
                    Reply.json(
                            200,
                            "{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-22T03:00:00.000Z\","
                                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + HEDGING + "\"},"
                                    + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":10,\"eval_count\":20}"));
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    App app;
    Javalin server;

    @BeforeEach
    void start() {
        app = App.open(
                TestStack.seededCopy(home)
                        .withOllama(
                                new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10))),
                TestStack.embedder(),
                Clock.systemUTC());
        server = new HttpApi(app).create().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        app.close();
        ollama.close();
    }

    HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (body == null) {
            r.GET();
        } else {
            r.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theQueryResponseSaysUnverifiedAndWhichChecksFailed() throws Exception {
        JsonNode r = json.readTree(
                send("POST", "/v1/query", Map.of("query", QUESTION)).body());
        assertEquals("unverified", r.path("status").asText());
        assertEquals("local", r.path("route").path("target").asText());
        JsonNode checks = r.path("route").path("checks");
        assertTrue(checks.path("doubtful").asBoolean());
        assertTrue(checks.path("score").asDouble() >= checks.path("threshold").asDouble());
        assertTrue(checks.path("reasons").get(0).asText().startsWith("refusal:"), checks.toString());
        assertTrue(r.path("route").path("note").asText().contains("refusal:"));
        assertEquals("doubtful", r.path("attempts").get(0).path("outcome").asText());
        assertTrue(checks.path("check_ms").isNumber(), "what checking cost: " + checks);
    }

    @Test
    void theStoredInteractionListsTheChecksToo() throws Exception {
        send("POST", "/v1/query", Map.of("query", QUESTION));
        JsonNode listed = json.readTree(
                        send("GET", "/v1/interactions?limit=1", null).body())
                .path("interactions")
                .get(0);
        assertEquals("unverified", listed.path("status").asText());
        assertTrue(listed.path("route").path("checks").path("doubtful").asBoolean(), listed.toString());
        assertTrue(listed.path("route").path("checks").path("check_ms").isNumber(), listed.toString());
    }

    @Test
    void theOpenAiRouteAndHeadersCarryTheStatusAndTheFailedChecks() throws Exception {
        HttpResponse<String> r = send("POST", "/v1/chat/completions", Map.of("model", "auto", "messages", new Object[] {
            Map.of("role", "user", "content", QUESTION)
        }));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("unverified", r.headers().firstValue("X-KR-Status").orElseThrow());
        String checks = r.headers().firstValue("X-KR-Checks").orElseThrow();
        assertTrue(checks.contains("failed=refusal"), checks);
        JsonNode kr = json.readTree(r.body()).path("kr_route");
        assertEquals("unverified", kr.path("status").asText());
        assertTrue(kr.path("checks").path("doubtful").asBoolean(), kr.toString());
    }
}
