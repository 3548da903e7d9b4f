package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.http.HttpApi;
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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyGateTest {
    @TempDir
    Path home;

    @Test
    void callsBeyondTheSlotsAndTheQueueAreRefusedAtOnce() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate("http://gpu:11434", 1, 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = threads.submit(() -> gate.run(() -> {
                inside.countDown();
                await(release);
                return "first";
            }));
            inside.await();
            Future<String> queued = threads.submit(() -> gate.run(() -> "queued"));
            while (gate.queued() != 1) {
                Thread.onSpinWait();
            }
            ConcurrencyGate.BusyException busy =
                    assertThrows(ConcurrencyGate.BusyException.class, () -> gate.run(() -> "third"));
            assertTrue(
                    busy.getMessage().contains("gpu:11434") && busy.getMessage().contains("retry"), busy.getMessage());
            release.countDown();
            assertEquals("first", first.get());
            assertEquals("queued", queued.get());
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFullOllamaQueueIsA503WithRetryAfter() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (WireServer ollama = new WireServer().on("/api/chat", r -> {
            inside.countDown();
            await(release);
            return Reply.json(
                    200, "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}");
        })) {
            KrConfig seeded = TestStack.seededCopy(home);
            KrConfig config =
                    seeded.withOllama(new OllamaSettings(ollama.url(), "m", Duration.ofSeconds(30), List.of(), 1, 0));
            try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
                Javalin server = new HttpApi(app).create().start();
                ExecutorService threads = Executors.newSingleThreadExecutor();
                try {
                    HttpClient http = HttpClient.newHttpClient();
                    HttpRequest query = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + server.port() + "/v1/query"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"query\": \"how do I squash my last three commits\", \"profile\": \"casual\"}"))
                            .build();
                    Future<HttpResponse<String>> first =
                            threads.submit(() -> http.send(query, HttpResponse.BodyHandlers.ofString()));
                    inside.await();
                    HttpResponse<String> busy = http.send(query, HttpResponse.BodyHandlers.ofString());
                    assertEquals(503, busy.statusCode(), busy.body());
                    assertEquals("5", busy.headers().firstValue("Retry-After").orElse(""));
                    assertEquals(
                            "local_model_busy",
                            new ObjectMapper()
                                    .readTree(busy.body())
                                    .path("error")
                                    .asText());
                    release.countDown();
                    assertEquals(200, first.get().statusCode());
                } finally {
                    release.countDown();
                    threads.shutdownNow();
                    server.stop();
                }
            }
        }
    }
}
