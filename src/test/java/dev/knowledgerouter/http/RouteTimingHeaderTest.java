package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed answer names, in its {@code Server-Timing} header, where the time before its route went: reading
 * the request, embedding, the routing search, the decision and the model's context. Real store, real port;
 * no model is reachable, so the answers come from retrieval.
 */
class RouteTimingHeaderTest {
    private static final Pattern PHASES =
            Pattern.compile("parse;dur=\\d+\\.\\d{3}, embed;dur=\\d+\\.\\d{3}, search;dur=\\d+\\.\\d{3},"
                    + " decide;dur=\\d+\\.\\d{3}, context;dur=\\d+\\.\\d{3}");

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private App app;
    private Javalin server;

    @BeforeEach
    void start() {
        KrConfig config = TestStack.seededCopy(home);
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        app.close();
    }

    private HttpResponse<String> post(String path, String accept, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStreamedChatCompletionReportsThePhasesBeforeItsRoute() throws Exception {
        HttpResponse<String> r = post(
                "/v1/chat/completions",
                "text/event-stream",
                "{\"model\": \"auto\", \"stream\": true, \"messages\": [{\"role\": \"user\","
                        + " \"content\": \"git says fatal: refusing to merge unrelated histories\"}]}");

        assertEquals(200, r.statusCode(), r.body());
        String timing = r.headers().firstValue("Server-Timing").orElse("");
        assertTrue(PHASES.matcher(timing).matches(), timing);
    }

    @Test
    void aStreamedQueryReportsThePhasesBeforeItsRoute() throws Exception {
        HttpResponse<String> r =
                post("/v1/query", "text/event-stream", "{\"query\": \"how do I squash my last three commits\"}");

        assertEquals(200, r.statusCode(), r.body());
        List<String> timing = r.headers().allValues("Server-Timing");
        assertEquals(1, timing.size(), timing.toString());
        assertTrue(PHASES.matcher(timing.getFirst()).matches(), timing.getFirst());
    }
}
