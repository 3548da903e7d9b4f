package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.PayloadText;
import dev.knowledgerouter.testing.GeneratedRepository;
import dev.knowledgerouter.testing.ServeProcess;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr serve} as a supervisor stops it: a JVM of its own, sent SIGTERM (what {@link Process#destroy()}
 * sends on Linux) in the middle of an analysis. It must stop at the analysis' next safe point, without
 * a crash in the native embedder, and the next start must report the job and finish it with no orphan
 * entries. The stop time is printed, not asserted: these machines are shared.
 */
class ServeShutdownProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILES = 40;
    private static final int FUNCTIONS = 5;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess start(String run) throws Exception {
        return ServeProcess.start(work, run);
    }

    private JsonNode get(ServeProcess server, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private JsonNode analyze(ServeProcess server, Path repo) throws Exception {
        String body = JSON.writeValueAsString(Map.of("path", repo.toString(), "name", "inventory"));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/repos"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Polls the job until {@code until} holds for it. */
    private JsonNode job(ServeProcess server, Predicate<JsonNode> until, String what) throws Exception {
        for (int i = 0; i < 3000; i++) {
            JsonNode job = get(server, "/v1/repos/inventory").path("job");
            if (until.test(job)) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job never got " + what + ": " + get(server, "/v1/repos/inventory"));
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code and prints how long the stop took. */
    private int terminate(ServeProcess server, String when) throws Exception {
        long sent = System.nanoTime();
        server.process().destroy();
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "kr serve did not exit within a minute of SIGTERM");
        double seconds = (System.nanoTime() - sent) / 1e9;
        System.out.printf(Locale.ROOT, "kr serve stopped %.2f s after SIGTERM (%s)%n", seconds, when);
        return server.process().exitValue();
    }

    private void assertCleanStop(ServeProcess server, int exit) throws IOException {
        String stderr = Files.readString(server.stderr());
        assertEquals(143, exit, "128 + SIGTERM, after an orderly stop; stderr: " + stderr);
        assertTrue(stderr.contains("kr: stopped ") && stderr.contains(" s after the signal"), stderr);
        assertFalse(stderr.contains("SIGSEGV") || stderr.contains("A fatal error has been detected"), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(
                    List.of(),
                    files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid"))
                            .toList());
        }
    }

    @Test
    void sigtermMidAnalysisStopsAtASafePointAndTheNextStartReportsAndFinishesTheJobWithoutOrphans() throws Exception {
        KrConfig seeded = TestStack.seededCopy(work.resolve("data"));
        Path repo = GeneratedRepository.python(work.resolve("projects/inventory"), FILES, FUNCTIONS)
                .toRealPath();
        Path projects = work.resolve("projects").toRealPath();
        Files.writeString(work.resolve("kr.yaml"), "code:\n  allowed_roots: [\"" + projects + "\"]\n");

        ServeProcess first = start("first");
        analyze(first, repo);
        JsonNode running = job(
                first,
                j -> j.path("phase").asText().startsWith("index")
                        && j.path("done").asLong() > 0,
                "to its index phase");
        System.out.printf(
                Locale.ROOT,
                "SIGTERM at %d of %d entries indexed%n",
                running.path("done").asLong(),
                running.path("total").asLong());
        assertCleanStop(first, terminate(first, "mid-analysis"));

        // A home an older kr left readable: the next start narrows it and says so once.
        Files.setPosixFilePermissions(work.resolve("data/graphs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ServeProcess second = start("second");
        JsonNode interrupted = get(second, "/v1/repos/inventory").path("job");
        assertEquals("interrupted", interrupted.path("status").asText(), interrupted.toString());
        assertTrue(
                interrupted.path("files_done").asInt()
                        < interrupted.path("files_total").asInt(),
                interrupted.toString());
        assertEquals(FILES, interrupted.path("files_total").asInt(), interrupted.toString());
        String warning = Files.readString(second.stderr());
        assertTrue(warning.contains("were readable by other users; made them private"), warning);

        analyze(second, repo);
        JsonNode done = job(second, j -> !j.path("status").asText().equals("running"), "finished");
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        assertCleanStop(second, terminate(second, "idle"));

        Path graphFile = RepositoryAnalyzer.graphFile(seeded.graphsDir(), "inventory");
        Set<String> graph = GraphFile.read(graphFile).graph().nodes().stream()
                .filter(n -> !n.type().equals(GraphNode.MODULE))
                .map(GraphNode::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> indexed = new TreeSet<>();
        KrConfig config = seeded.withCode(CodeSettings.defaults().withAllowedRoots(List.of(projects)));
        // The served process embedded code with the default code model; this App reads it with the same.
        try (App app = App.open(config, TestStack.embedders(), Clock.systemUTC())) {
            app.store()
                    .scan(
                            CodeIndex.collection("inventory"),
                            Instant.EPOCH,
                            Instant.parse("9999-01-01T00:00:00Z"),
                            e -> indexed.add(PayloadText.of(e.payload().get("node_id"))));
        }
        assertEquals(FILES * (1 + FUNCTIONS), graph.size());
        assertEquals(graph, indexed, "the code collection holds exactly the graph's nodes");
    }
}
