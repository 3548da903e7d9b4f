package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.testing.ServeProcess;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code kr serve} while clients query it, several times, each time restarted
 * at once (the dead server's {@code server.json} still names it, and it may still be a zombie): every
 * interaction whose answer a client received must be stored and readable afterwards. The write path
 * acknowledges an interaction once its log record is forced, shared with the writes beside it; this holds
 * it to that.
 */
class ServeKillUnderLoadProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 6;
    private static final int KILLS = 3;
    /** Answers received from each server before it is killed: enough that writes are under way at the kill. */
    private static final int ANSWERS_PER_SERVER = 30;

    private static final List<String> QUERIES = List.of(
            "git says fatal: refusing to merge unrelated histories",
            "docker: permission denied while trying to connect to the Docker daemon socket",
            "mvn dependency resolution fails with PKIX path building failed",
            "npm ERR! ERESOLVE unable to resolve dependency tree",
            "how do I squash my last three commits");

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private final AtomicReference<String> url = new AtomicReference<>();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicInteger failed = new AtomicInteger();

    @Test
    void everyInteractionAClientWasAnsweredIsStoredAfterKillsUnderLoad() throws Exception {
        KrConfig config = TestStack.seededCopy(work.resolve("data"));
        // The last kill is followed by no restart: the store is then opened here, after the crash.
        ServeProcess server = ServeProcess.start(work, "start");
        url.set(server.url());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Process> killed = new ArrayList<>();
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                load.add(clients.submit(() -> query(client)));
            }
            for (int kill = 1; kill <= KILLS; kill++) {
                awaitAnswers(answered.size() + ANSWERS_PER_SERVER, server);
                // SIGKILL while the clients keep asking; the process is not waited for before the restart.
                server.process().destroyForcibly();
                killed.add(server.process());
                System.out.printf(
                        Locale.ROOT,
                        "kill %d: %d answers so far, %d requests failed%n",
                        kill,
                        answered.size(),
                        failed.get());
                if (kill < KILLS) {
                    server = ServeProcess.start(work, "restart-" + kill);
                    url.set(server.url());
                }
            }
            loading.set(false);
            for (Future<?> f : load) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            loading.set(false);
            clients.shutdownNow();
            server.process().destroyForcibly();
            for (Process p : killed) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }

        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            List<String> missing = new ArrayList<>();
            answered.forEach((id, query) -> {
                Optional<StoredEntry> stored = app.store().get(CollectionCatalog.HISTORY, id);
                if (stored.isEmpty()) {
                    missing.add(id);
                } else {
                    assertEquals(query, stored.get().payload().get("query"), id);
                }
            });
            assertEquals(List.of(), missing, "answered but not stored, of " + answered.size());
        }
        assertTrue(answered.size() >= KILLS * ANSWERS_PER_SERVER, "answers: " + answered.size());
    }

    /** One client: asks, asks again, through every restart, keeping the id of every answer it receives. */
    private Void query(int client) {
        for (int n = client; loading.get(); n++) {
            String query = QUERIES.get(n % QUERIES.size());
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url.get() + "/v1/query"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        JSON.writeValueAsString(Map.of("query", query))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode body = JSON.readTree(r.body());
                    answered.put(body.path("interaction_id").asText(), query);
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException e) {
                // The server died under the request, or is not up yet: not answered, so nothing is owed.
                failed.incrementAndGet();
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void awaitAnswers(int count, ServeProcess server) throws Exception {
        for (int i = 0; i < 12_000 && answered.size() < count; i++) {
            assertTrue(server.process().isAlive(), "kr serve exited on its own; see " + server.stderr());
            Thread.sleep(10);
        }
        assertTrue(answered.size() >= count, "no answers from " + server.url() + "; see " + server.stderr());
    }

    /** Between attempts at a server that is down, so that the clients do not spin while it restarts. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
