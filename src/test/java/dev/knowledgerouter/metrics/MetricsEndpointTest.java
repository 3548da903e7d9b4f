package dev.knowledgerouter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.testing.PrometheusText;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real port, scraped after real requests: the seeded embedded store, the
 * in-process embedder, and Ollama and Claude answering on the wire.
 */
class MetricsEndpointTest {
    static final String MODEL = "qwen2.5-coder:7b";
    static final String CLAUDE_MODEL = "claude-sonnet-4-6";
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";
    static final String SQUASH = "how do I squash my last three commits";
    static final String DESIGN = "How should I design the architecture for a scalable multi-tenant SaaS platform?";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    App app;
    Javalin server;

    void start(int ollamaSlots, int ollamaQueue) {
        KrConfig seeded = TestStack.seededCopy(home);
        KrConfig config = seeded.toBuilder()
                .ollama(new OllamaSettings(
                        ollama.url(), MODEL, Duration.ofSeconds(30), List.of(), ollamaSlots, ollamaQueue))
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-metrics-test-0001")),
                        CLAUDE_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(5)))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (app != null) {
            app.close();
        }
        ollama.close();
        claude.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode query(String query, String profile) throws Exception {
        String body = json.writeValueAsString(Map.of("query", query, "profile", profile));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    PrometheusText scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode(), r.body());
        return PrometheusText.parse(r.body());
    }

    @Test
    void theScrapeIsPrometheusTextWithTheJvmBasics() throws Exception {
        start(2, 16);
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        PrometheusText metrics = PrometheusText.parse(r.body());
        assertTrue(metrics.sum("jvm_memory_used_bytes", Map.of("area", "heap")) > 0, "heap in use");
        assertTrue(metrics.sum("jvm_threads_live_threads", Map.of()) > 0, "live threads");
        assertTrue(metrics.value("process_uptime_seconds", Map.of()) > 0, "uptime");
    }

    @Test
    void eachAnsweredQueryCountsOnceUnderTheRoutersChoiceWhoAnsweredAndTheProfile() throws Exception {
        start(2, 16);
        List<JsonNode> answers = List.of(
                query(PKIX, "default"),
                query(PKIX, "default"),
                query(SQUASH, "casual"),
                query(SQUASH, "critical"),
                query(DESIGN, "default"));
        Map<List<String>, Long> expected = answers.stream()
                .map(a -> a.path("route"))
                .collect(Collectors.groupingBy(
                        r -> List.of(
                                r.path("decided").asText(),
                                r.path("target").asText(),
                                r.path("profile").asText()),
                        Collectors.counting()));
        assertTrue(
                expected.keySet().stream().anyMatch(k -> k.get(1).equals("local")),
                "some answers are local: " + expected);
        assertTrue(
                expected.keySet().stream().anyMatch(k -> k.get(1).equals("remote")),
                "some answers are Claude's: " + expected);

        PrometheusText metrics = scrape();
        expected.forEach((k, n) -> assertEquals(
                n.doubleValue(),
                metrics.value(
                        "kr_routing_decisions_total",
                        Map.of("decided", k.get(0), "target", k.get(1), "profile", k.get(2))),
                k.toString()));
        assertEquals(answers.size(), metrics.sum("kr_routing_decisions_total", Map.of()));
        long local = answers.stream()
                .filter(a -> a.path("route").path("target").asText().equals("local"))
                .count();
        assertEquals(local, metrics.value("kr_local_model_calls_total", Map.of("model", MODEL, "outcome", "success")));
    }

    @Test
    void aLocalFailureThatEscalatesIsCountedWithClaudesCallTokensAndCost() throws Exception {
        ollama.on(
                "/api/chat",
                Reply.json(404, "{\"error\":\"model \\\"qwen2.5-coder:7b\\\" not found, try pulling it first\"}"));
        start(2, 16);
        JsonNode answer = query(PKIX, "default");
        assertEquals("local", answer.path("route").path("decided").asText());
        assertEquals("escalated", answer.path("status").asText(), answer.toString());

        PrometheusText metrics = scrape();
        assertEquals(1, metrics.value("kr_local_model_calls_total", Map.of("model", MODEL, "outcome", "failure")));
        assertEquals(1, metrics.value("kr_escalations_total", Map.of("outcome", "success")));
        assertEquals(1, metrics.value("kr_claude_calls_total", Map.of("model", CLAUDE_MODEL, "outcome", "success")));
        assertEquals(2000, metrics.value("kr_claude_tokens_total", Map.of("model", CLAUDE_MODEL, "type", "input")));
        assertEquals(500, metrics.value("kr_claude_tokens_total", Map.of("model", CLAUDE_MODEL, "type", "output")));
        // The configured price of claude-sonnet-4-6: $3 per million input tokens, $15 per million output tokens.
        assertEquals(
                2000 * 3 / 1e6 + 500 * 15 / 1e6,
                metrics.value("kr_claude_cost_usd_total", Map.of("model", CLAUDE_MODEL)),
                1e-12);
        assertEquals(
                answer.path("usage").path("cost_usd").asDouble(),
                metrics.value("kr_claude_cost_usd_total", Map.of("model", CLAUDE_MODEL)),
                1e-12);
        assertEquals(1, metrics.value("kr_routing_decisions_total", Map.of("decided", "local", "target", "remote")));
    }

    @Test
    void aClaudeCallThatIsNotAnEscalationIsNotCountedAsOne() throws Exception {
        start(2, 16);
        assertEquals(
                "remote", query(DESIGN, "default").path("route").path("decided").asText());
        PrometheusText metrics = scrape();
        assertEquals(1, metrics.value("kr_claude_calls_total", Map.of("model", CLAUDE_MODEL, "outcome", "success")));
        assertEquals(0, metrics.sum("kr_escalations_total", Map.of()));
    }

    @Test
    void httpRequestsAreCountedPerRouteTemplateAndStatusNeverPerRawPath() throws Exception {
        start(2, 16);
        assertEquals(404, get("/v1/repos/alpha").statusCode());
        assertEquals(404, get("/v1/repos/beta").statusCode());
        assertEquals(200, get("/v1/collections").statusCode());
        assertEquals(200, get("/v1/collections").statusCode());
        assertEquals(200, get("/v1/collections").statusCode());
        assertEquals(404, get("/no/such/thing-1").statusCode());
        assertEquals(404, get("/no/such/thing-2").statusCode());

        PrometheusText metrics = scrape();
        String requests = "http_server_requests_seconds_count";
        assertEquals(2, metrics.value(requests, Map.of("method", "GET", "uri", "/v1/repos/{name}", "status", "404")));
        assertEquals(3, metrics.value(requests, Map.of("method", "GET", "uri", "/v1/collections", "status", "200")));
        assertEquals(2, metrics.value(requests, Map.of("method", "GET", "uri", "UNMATCHED", "status", "404")));
        assertTrue(
                metrics.samples().stream()
                        .flatMap(s -> s.labels().values().stream())
                        .noneMatch(v -> v.contains("alpha") || v.contains("thing")),
                "no raw path is a label value");
        assertEquals(
                1,
                scrape().value(requests, Map.of("method", "GET", "uri", "/metrics", "status", "200")),
                "the first scrape is counted by the next");
    }

    @Test
    void storeGaugesReadEachCollectionsSizeAtScrapeTime() throws Exception {
        start(2, 16);
        PrometheusText before = scrape();
        for (CollectionDefinition c : app.store().collections()) {
            assertEquals(
                    app.store().count(c.name()),
                    before.value("kr_store_entries", Map.of("collection", c.name())),
                    c.name());
        }
        assertTrue(
                before.value("kr_store_entries", Map.of("collection", "error-solutions")) > 0,
                "the seeded collection is not empty");

        query(PKIX, "default");
        query(SQUASH, "casual");
        PrometheusText after = scrape();
        assertEquals(
                before.value("kr_store_entries", Map.of("collection", CollectionCatalog.HISTORY)) + 2,
                after.value("kr_store_entries", Map.of("collection", CollectionCatalog.HISTORY)));
        assertEquals(
                app.store().count(CollectionCatalog.HISTORY),
                after.value("kr_store_entries", Map.of("collection", CollectionCatalog.HISTORY)));
        assertTrue(after.matching("kr_outbox_pending_writes", Map.of()).isEmpty(), "the embedded store has no outbox");
    }

    @Test
    void theOllamaGateGaugesFollowCallsIntoAndOutOfItsSlotsAndQueue() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ollama.on("/api/chat", r -> {
            inside.countDown();
            await(release);
            return Reply.json(200, WireReplies.OLLAMA_CHAT_OK);
        });
        start(1, 1);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<JsonNode> first = clients.submit(() -> query(PKIX, "default"));
            inside.await();
            PrometheusText oneRunning = scrape();
            assertEquals(1, oneRunning.value("kr_ollama_gate_calls", Map.of("state", "running")));
            assertEquals(0, oneRunning.value("kr_ollama_gate_calls", Map.of("state", "waiting")));

            Future<JsonNode> second = clients.submit(() -> query(SQUASH, "casual"));
            // The second call parks in the gate's queue; the scrape reads the gauge until it gets there.
            PrometheusText queued = scrape();
            while (queued.value("kr_ollama_gate_calls", Map.of("state", "waiting")) != 1) {
                Thread.onSpinWait();
                queued = scrape();
            }
            assertEquals(1, queued.value("kr_ollama_gate_calls", Map.of("state", "running")));

            release.countDown();
            assertEquals("local", first.get().path("route").path("target").asText());
            assertEquals("local", second.get().path("route").path("target").asText());
            PrometheusText idle = scrape();
            assertEquals(0, idle.value("kr_ollama_gate_calls", Map.of("state", "running")));
            assertEquals(0, idle.value("kr_ollama_gate_calls", Map.of("state", "waiting")));
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
