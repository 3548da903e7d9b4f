package dev.knowledgerouter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.testing.PrometheusText;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr_query_embeddings_total} on a real port: a question asked twice is embedded by the model once and
 * served from the query embedding cache once. The seeded embedded store, no model reachable.
 */
class QueryEmbeddingMetricsTest {
    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private App app;
    private Javalin server;

    @BeforeEach
    void start() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        app.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void aQuestionAskedTwiceIsEmbeddedByTheModelOnceAndServedFromTheCacheOnce() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/query"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"should I commit package-lock.json\"}")));
            assertEquals(200, r.statusCode(), r.body());
        }

        PrometheusText metrics = PrometheusText.parse(
                send(HttpRequest.newBuilder(uri("/metrics")).GET()).body());

        assertEquals(1.0, metrics.value("kr_query_embeddings_total", Map.of("source", "model")));
        assertEquals(1.0, metrics.value("kr_query_embeddings_total", Map.of("source", "cache")));
    }
}
