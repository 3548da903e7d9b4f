package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.LocalModels;
import dev.knowledgerouter.config.ModelLimits;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local chain through the whole query path on a real port, its models wire servers speaking Ollama's
 * and the OpenAI API's formats: prompts fitted to the window with the trim in the route's reasons, an
 * OpenAI-compatible server as the local model and as a fallback, and a request's max_tokens and
 * temperature on every backend's wire.
 */
class LocalModelsRouteTest {
    static final String OLLAMA_MODEL = OllamaSettings.DEFAULT_MODEL;
    static final String SERVED = "qwen2.5-coder-7b-instruct";
    /** Close to a seeded error-solutions entry, so the casual profile routes it local with notes. */
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
    final WireServer openAi = new WireServer()
            .on("/v1/chat/completions", Reply.json(200, WireReplies.OPENAI_CHAT_OK))
            .on("/v1/models", Reply.json(200, WireReplies.OPENAI_MODELS));
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    App app;
    Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (app != null) {
            app.close();
        }
        ollama.close();
        openAi.close();
        claude.close();
    }

    /** The router over the seeded store with this local chain (empty: the {@code ollama:} chain) and Claude. */
    String start(List<LocalModelSettings> localModels) {
        KrConfig config = TestStack.seededCopy(home).toBuilder()
                .ollama(new OllamaSettings(ollama.url(), OLLAMA_MODEL, Duration.ofSeconds(10)))
                .localModels(new LocalModels(localModels, ModelLimits.NONE))
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-test-0123456789")),
                        ClaudeSettings.DEFAULT_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(10)))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        return "http://127.0.0.1:" + server.port();
    }

    LocalModelSettings openAiModel() {
        return new LocalModelSettings(
                LocalModelSettings.Provider.OPENAI,
                openAi.url() + "/v1",
                SERVED,
                Optional.empty(),
                OptionalInt.of(8192),
                OptionalInt.empty(),
                OptionalDouble.empty(),
                Duration.ofSeconds(10));
    }

    LocalModelSettings ollamaModel(String model) {
        return LocalModelSettings.ollama(ollama.url(), model, Duration.ofSeconds(10), ModelLimits.NONE);
    }

    JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    JsonNode last(WireServer wire, String path) throws IOException {
        return json.readTree(wire.received(path).getLast().body());
    }

    @Test
    void anOversizedContextIsTrimmedToTheWindowOllamaReportsWithTheTrimInTheReasonsAndNumCtxOnTheWire()
            throws Exception {
        ollama.on("/api/show", Reply.json(200, WireReplies.ollamaShow(1_024, "")));
        String base = start(List.of());
        JsonNode r =
                post(base + "/v1/query", "{\"query\": \"" + PKIX + "\", \"profile\": \"casual\", \"max_tokens\": 200}");
        assertEquals("local", r.path("route").path("target").asText(), r.toString());
        assertTrue(r.path("context").size() > 1, "several passages were retrieved: " + r);
        List<String> reasons = json.convertValue(r.path("route").path("reasons"), List.class);
        String trim = reasons.stream()
                .filter(s -> s.startsWith("context trimmed to fit ollama/" + OLLAMA_MODEL + "'s 1,024-token window"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no trim among the reasons " + reasons));
        assertTrue(trim.contains("(200 tokens kept for the answer)"), trim);
        assertTrue(trim.contains("dropped"), trim);
        JsonNode sent = last(ollama, "/api/chat");
        assertEquals(1_024, sent.path("options").path("num_ctx").asInt());
        assertEquals(200, sent.path("options").path("num_predict").asInt());
        assertFalse(sent.path("truncate").asBoolean(true));
        String user = sent.path("messages").get(1).path("content").asText();
        assertTrue(user.endsWith(PKIX), user);
        assertTrue(user.length() < r.path("context").toString().length(), "the notes sent are fewer than retrieved");
        JsonNode stored = json.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/interactions?limit=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertTrue(stored.toString().contains("context trimmed to fit"), "the stored interaction keeps the reason");
    }

    @Test
    void anOpenAiCompatibleServerAnswersAsTheLocalModel() throws Exception {
        String base = start(List.of(openAiModel()));
        JsonNode r = post(base + "/v1/query", "{\"query\": \"" + PKIX + "\", \"profile\": \"casual\"}");
        assertEquals("local", r.path("route").path("target").asText(), r.toString());
        assertEquals("openai/" + SERVED, r.path("route").path("model").asText());
        assertEquals("ok", r.path("status").asText());
        assertEquals(
                "Answer from the OpenAI-compatible server.", r.path("answer").asText());
        assertEquals(SERVED, last(openAi, "/v1/chat/completions").path("model").asText());
        assertTrue(ollama.received("/api/chat").isEmpty(), "Ollama is not in this chain");
    }

    @Test
    void anOpenAiCompatibleServerAnswersAsTheFallbackAfterAFailingOllama() throws Exception {
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"llama runner process has terminated\"}"));
        String base = start(List.of(ollamaModel(OLLAMA_MODEL), openAiModel()));
        JsonNode r = post(base + "/v1/query", "{\"query\": \"" + PKIX + "\", \"profile\": \"casual\"}");
        assertEquals("fallback", r.path("status").asText(), r.toString());
        assertEquals("openai/" + SERVED, r.path("route").path("model").asText());
        JsonNode attempts = r.path("attempts");
        assertEquals("ollama/" + OLLAMA_MODEL, attempts.get(0).path("model").asText());
        assertEquals("failure", attempts.get(0).path("outcome").asText());
        assertEquals("openai/" + SERVED, attempts.get(1).path("model").asText());
        assertEquals("success", attempts.get(1).path("outcome").asText());
        assertTrue(claude.received().isEmpty(), "the local fallback answered before any escalation");
    }

    @Test
    void maxTokensAndTemperatureOfAQueryReachOllamaAndClaude() throws Exception {
        String base = start(List.of());
        post(
                base + "/v1/query",
                "{\"query\": \"" + PKIX + "\", \"profile\": \"casual\", \"max_tokens\": 333, \"temperature\": 0.7}");
        JsonNode toOllama = last(ollama, "/api/chat");
        assertEquals(333, toOllama.path("options").path("num_predict").asInt());
        assertEquals(0.7, toOllama.path("options").path("temperature").asDouble());
        post(
                base + "/v1/query",
                "{\"query\": \"" + PKIX + "\", \"prefer\": \"remote\", \"max_tokens\": 444, \"temperature\": 0.4}");
        JsonNode toClaude = last(claude, "/v1/messages");
        assertEquals(444, toClaude.path("max_tokens").asInt());
        assertEquals(0.4, toClaude.path("temperature").asDouble());
    }

    @Test
    void maxCompletionTokensAndTemperatureOfAChatCompletionReachAnOpenAiCompatibleLocalModel() throws Exception {
        String base = start(List.of(openAiModel()));
        post(
                base + "/v1/chat/completions",
                "{\"model\": \"local\", \"messages\": [{\"role\": \"user\", \"content\": \"" + PKIX + "\"}],"
                        + " \"max_completion_tokens\": 555, \"temperature\": 0.6}");
        JsonNode sent = last(openAi, "/v1/chat/completions");
        assertEquals(555, sent.path("max_tokens").asInt());
        assertEquals(0.6, sent.path("temperature").asDouble());
    }

    @Test
    void aMaxTokensOutOfRangeIsRefusedNamingTheRange() throws Exception {
        String base = start(List.of());
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"q\", \"max_tokens\": 0}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = json.readTree(r.body());
        assertEquals("invalid_request", body.path("error").asText());
        assertEquals(
                "'max_tokens' must be a whole number between 1 and 128000, got 0",
                body.path("message").asText());
    }
}
