package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health routes answer from the last probe (the App's clock stands still here, so the background
 * thread never finds it stale): {@code /health} until a trusted caller asks for a fresh one,
 * {@code /health/live} without probing at all, {@code /health/ready} with what the probe and the
 * shutdown say. The Ollama host is a wire server whose model list the tests change.
 */
class HealthRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "kr-health-routes-token-71c2";
    private static final String NO_MODELS = "{\"models\": []}";
    private static final String QWEN = "{\"models\": [{\"name\": \"qwen2.5-coder:7b\", \"size\": 4683087332}]}";

    @TempDir
    Path home;

    private final AtomicReference<String> installed = new AtomicReference<>(NO_MODELS);
    private final WireServer ollama = new WireServer().on("/api/tags", r -> Reply.json(200, installed.get()));
    private final HttpClient http = HttpClient.newHttpClient();
    private App app;
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (app != null) {
            app.close();
        }
        ollama.close();
    }

    /** On loopback every caller under the server's own name is trusted; exposed, only callers with the token. */
    private void serve(Optional<Secret> token) {
        KrConfig base = TestStack.config(home, ollama.url(), Optional.empty());
        String bind = token.isPresent() ? "0.0.0.0" : "127.0.0.1";
        KrConfig config = base.withServer(base.server().withListener(bind, 0).withApiToken(token));
        app = App.open(config, TestStack.embedder(), new MutableClock(Instant.parse("2026-12-01T10:00:00Z")));
        server = new HttpApi(app).create().start();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        headers.forEach(request::header);
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private long modelListings() {
        return ollama.received().stream()
                .filter(r -> r.path().equals("/api/tags"))
                .count();
    }

    @Test
    void healthAnswersFromTheLastProbeUntilATrustedCallerAsksForAFreshOne() throws Exception {
        serve(Optional.empty());
        JsonNode before = body(get("/health", Map.of()));
        assertFalse(before.path("local_model").path("up").asBoolean(), before.toString());

        installed.set(QWEN);
        JsonNode cached = body(get("/health", Map.of()));
        assertFalse(cached.path("local_model").path("up").asBoolean(), "still the last probe: " + cached);
        assertEquals(before.path("checked_at"), cached.path("checked_at"));

        JsonNode fresh = body(get("/health?refresh=true", Map.of()));
        assertTrue(fresh.path("local_model").path("up").asBoolean(), fresh.toString());
        assertTrue(body(get("/health", Map.of())).path("local_model").path("up").asBoolean());
    }

    @Test
    void anUntrustedCallerAskingForARefreshGetsTheLastProbesUpOrDown() throws Exception {
        serve(Optional.of(Secret.of(TOKEN)));
        get("/health", Map.of("Authorization", "Bearer " + TOKEN));
        long listings = modelListings();

        HttpResponse<String> r = get("/health?refresh=true", Map.of());

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Map.of("status", "up"), JSON.readValue(r.body(), Map.class));
        assertEquals(listings, modelListings(), "no probe for a caller without the token");
    }

    @Test
    void aRefreshValueThatIsNeitherTrueNorFalseIsRefused() throws Exception {
        serve(Optional.empty());
        HttpResponse<String> r = get("/health?refresh=yes", Map.of());

        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_request", body(r).path("error").asText(), r.body());
        assertTrue(body(r).path("message").asText().contains("'refresh' must be true"), r.body());
    }

    @Test
    void livenessAnswersWithoutProbingAnything() throws Exception {
        serve(Optional.empty());
        get("/health", Map.of());
        long listings = modelListings();

        HttpResponse<String> r = get("/health/live", Map.of());

        assertEquals(200, r.statusCode());
        assertEquals("up", body(r).path("status").asText());
        assertEquals(listings, modelListings());
    }

    @Test
    void readinessHoldsWhileStoreAndEmbedderAreUpAndEndsWhenTheServerDrains() throws Exception {
        serve(Optional.empty());
        HttpResponse<String> ready = get("/health/ready", Map.of());
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", body(ready).path("status").asText(), "a missing local model does not matter here");

        app.drain();
        HttpResponse<String> draining = get("/health/ready", Map.of());

        assertEquals(503, draining.statusCode(), draining.body());
        assertEquals("not_ready", body(draining).path("status").asText());
        assertTrue(body(draining).path("reason").asText().contains("shutting down"), draining.body());
        assertEquals(200, get("/health/live", Map.of()).statusCode(), "still alive while it drains");
    }

    @Test
    void theHealthRoutesNeedNoTokenAndTellCallersWithoutItNoReasons() throws Exception {
        serve(Optional.of(Secret.of(TOKEN)));
        app.drain();

        HttpResponse<String> ready = get("/health/ready", Map.of());
        HttpResponse<String> live = get("/health/live", Map.of());

        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals(Map.of("status", "not_ready"), JSON.readValue(ready.body(), Map.class));
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> trusted = get("/health/ready", Map.of("Authorization", "Bearer " + TOKEN));
        assertTrue(body(trusted).has("reason"), trusted.body());
    }
}
