package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.InteractionView;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.StreamFrames;
import dev.knowledgerouter.testing.StreamingWireServer;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming through the whole router on real ports, its Ollama and Claude wire servers streaming in their
 * own formats and holding their closing frames until the test has seen pieces arrive: the OpenAI chunk
 * stream and {@code /v1/query}'s events deliver Claude's tokens live, a local answer comes after its
 * checks, and a client that leaves mid-stream still leaves its interaction stored.
 */
class StreamingRouterTest {
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";
    static final List<String> PIECES = StreamFrames.words(8);
    static final String WHOLE = String.join("", PIECES);

    @TempDir
    Path home;

    final StreamingWireServer ollama = new StreamingWireServer();
    final StreamingWireServer claude = new StreamingWireServer();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    App app;
    Javalin server;

    @BeforeEach
    void start() {
        KrConfig config = TestStack.seededCopy(home).toBuilder()
                .ollama(new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10)))
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-test-0123456789")),
                        ClaudeSettings.DEFAULT_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(10)))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        app.close();
        ollama.close();
        claude.close();
    }

    /** The response's lines as they arrive. */
    Iterator<String> lines(String path, String accept, String body) throws Exception {
        HttpResponse<Stream<String>> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return r.body().iterator();
    }

    /** The next {@code data:} payload, skipping blank lines, comments and (for named events) the event line. */
    static String nextData(Iterator<String> lines, List<String> eventNames) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event: ")) {
                eventNames.add(line.substring("event: ".length()));
            } else if (line.startsWith("data: ")) {
                return line.substring("data: ".length());
            } else {
                assertTrue(line.isEmpty() || line.startsWith(": "), "SSE framing only: " + line);
            }
        }
        throw new AssertionError("the stream ended early");
    }

    @Test
    void theChatCompletionStreamDeliversClaudesTokensBeforeClaudeHasFinished() throws Exception {
        claude.hold().on("/v1/messages", StreamFrames.anthropic(PIECES, 3));
        Iterator<String> lines = lines(
                "/v1/chat/completions",
                "text/event-stream",
                "{\"model\": \"remote\", \"stream\": true, \"stream_options\": {\"include_usage\": true},"
                        + " \"messages\": [{\"role\": \"user\", \"content\": \"" + PKIX + "\"}]}");
        List<String> names = new ArrayList<>();
        JsonNode role = json.readTree(nextData(lines, names));
        assertEquals("chat.completion.chunk", role.path("object").asText());
        assertEquals("assistant", role.at("/choices/0/delta/role").asText());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            JsonNode chunk = json.readTree(nextData(lines, names));
            assertTrue(chunk.at("/choices/0/finish_reason").isNull(), chunk.toString());
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertFalse(claude.finished(), "three chunks reached the client while Claude was still writing");
        claude.release();
        JsonNode chunk;
        while ((chunk = json.readTree(nextData(lines, names)))
                .at("/choices/0/finish_reason")
                .isNull()) {
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertEquals(WHOLE, text.toString());
        assertEquals("stop", chunk.at("/choices/0/finish_reason").asText());
        assertEquals("remote", chunk.path("kr_route").path("target").asText());
        assertEquals("ok", chunk.path("kr_route").path("status").asText());
        JsonNode usage = json.readTree(nextData(lines, names));
        assertEquals(0, usage.path("choices").size());
        assertEquals(2500, usage.path("usage").path("total_tokens").asInt());
        assertEquals("[DONE]", nextData(lines, names));
        assertTrue(names.isEmpty(), "OpenAI's framing names no events: " + names);
    }

    @Test
    void queryEventsAreTheRouteThenTokensAsClaudeWritesThenTheStoredRecord() throws Exception {
        claude.hold().on("/v1/messages", StreamFrames.anthropic(PIECES, 3));
        Iterator<String> lines =
                lines("/v1/query", "text/event-stream", "{\"query\": \"" + PKIX + "\", \"prefer\": \"remote\"}");
        List<String> names = new ArrayList<>();
        JsonNode route = json.readTree(nextData(lines, names));
        assertEquals(List.of("route"), names);
        String id = route.path("interaction_id").asText();
        assertFalse(id.isBlank(), route.toString());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            text.append(json.readTree(nextData(lines, names)).path("text").asText());
        }
        assertFalse(claude.finished(), "three tokens reached the client while Claude was still writing");
        claude.release();
        String data;
        while (!(data = nextData(lines, names)).isEmpty() && names.getLast().equals("token")) {
            text.append(json.readTree(data).path("text").asText());
        }
        assertEquals("done", names.getLast());
        JsonNode done = json.readTree(data);
        assertEquals(WHOLE, text.toString());
        assertEquals(WHOLE, done.path("answer").asText());
        assertEquals(id, done.path("interaction_id").asText(), "the route announced the stored interaction");
        assertEquals("ok", done.path("status").asText());
        assertEquals("remote", done.path("route").path("target").asText());
        assertEquals(2000, done.path("usage").path("input_tokens").asInt());
        assertEquals(500, done.path("usage").path("output_tokens").asInt());
        assertEquals(WHOLE, app.recentInteractions(1).getFirst().answer());
    }

    @Test
    void aLocalAnswerIsSentOnceItsChecksHaveSeenItWhole() throws Exception {
        String answer = "Import the proxy's CA certificate into a trust store with keytool, then point Maven at it"
                + " with -Djavax.net.ssl.trustStore and run the build again.";
        ollama.on("/api/chat", StreamFrames.ollama(List.of(answer.split("(?<= )")), 100));
        Iterator<String> lines = lines("/v1/query", "text/event-stream", "{\"query\": \"" + PKIX + "\"}");
        List<String> names = new ArrayList<>();
        assertEquals(
                "local", json.readTree(nextData(lines, names)).path("decided").asText());
        List<String> tokens = new ArrayList<>();
        String data;
        while (!names.getLast().equals("done")) {
            data = nextData(lines, names);
            if (names.getLast().equals("token")) {
                tokens.add(json.readTree(data).path("text").asText());
            } else if (names.getLast().equals("done")) {
                JsonNode done = json.readTree(data);
                assertEquals("local", done.path("route").path("target").asText());
                assertTrue(done.path("route").path("checks").isObject(), "the checks saw it: " + done);
            }
        }
        assertEquals(List.of(answer), tokens, "the checked answer, whole");
    }

    @Test
    void aClientThatLeavesMidStreamStillLeavesItsInteractionStoredAsInterrupted() throws Exception {
        claude.hold().on("/v1/messages", StreamFrames.anthropic(StreamFrames.words(400), 3));
        String body = "{\"query\": \"" + PKIX + "\", \"prefer\": \"remote\"}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/query HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\nContent-Type: application/json\r\n"
                            + "Accept: text/event-stream\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int tokens = 0;
            List<String> seen = new ArrayList<>();
            String line;
            while (tokens < 2 && (line = in.readLine()) != null) {
                seen.add(line);
                if (line.equals("event: token")) {
                    tokens++;
                }
            }
            assertEquals(2, tokens, String.join("\n", seen));
        }
        claude.release();
        assertEquals(0, app.inFlight().drain(Duration.ofSeconds(30)), "the query ended");
        InteractionView stored = app.recentInteractions(1).getFirst();
        assertEquals("interrupted", stored.status());
        assertTrue(stored.answer().startsWith("word1 word2"), stored.answer());
        assertTrue(
                stored.answer().length()
                        < String.join("", StreamFrames.words(400)).length(),
                "part of it");
    }
}
