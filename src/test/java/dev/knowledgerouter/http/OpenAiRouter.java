package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The router on a real port over the seeded embedded store, its Ollama a wire server that answers
 * {@code /api/chat} as Ollama does, per model; Claude has no key. What OpenAI clients are tested
 * against: a test class registers it as a static extension and gets one router for all its tests.
 */
final class OpenAiRouter implements BeforeAllCallback, AfterAllCallback {
    static final String PRIMARY = OllamaSettings.DEFAULT_MODEL;
    static final String FALLBACK = "llama3.2:3b";
    /** Long enough to be streamed in several chunks. */
    static final Map<String, String> ANSWERS = Map.of(
            PRIMARY,
            "Import the proxy's CA certificate into a trust store with keytool, then point Maven at it with "
                    + "-Djavax.net.ssl.trustStore=/path/to/truststore.jks and run the build again.",
            FALLBACK,
            "Answer from the fallback model.");

    static final int PROMPT_TOKENS = 142;
    static final int COMPLETION_TOKENS = 17;

    WireServer ollama;
    App app;
    String base;
    private Javalin server;
    private Path home;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("kr-openai-");
        ollama = new WireServer().on("/api/chat", r -> ollamaReply(model(r)));
        app = App.open(
                TestStack.seededCopy(home)
                        .withOllama(
                                new OllamaSettings(ollama.url(), PRIMARY, Duration.ofSeconds(10), List.of(FALLBACK))),
                TestStack.embedder(),
                Clock.systemUTC());
        server = new HttpApi(app).create().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.stop();
        app.close();
        ollama.close();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String model(WireServer.Received request) {
        try {
            return new ObjectMapper().readTree(request.body()).path("model").asText();
        } catch (IOException e) {
            throw new AssertionError("Ollama got a body that is not JSON: " + request.body(), e);
        }
    }

    /** The last prompt an Ollama model was sent (the user turn the router built). */
    String lastPromptTo(String model) {
        WireServer.Received last = ollama.received("/api/chat").stream()
                .filter(r -> model(r).equals(model))
                .reduce((a, b) -> b)
                .orElseThrow();
        try {
            var messages = new ObjectMapper().readTree(last.body()).path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Reply ollamaReply(String model) {
        String answer = ANSWERS.get(model);
        if (answer == null) {
            return Reply.json(404, "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}");
        }
        String body = new ObjectMapper()
                .createObjectNode()
                .put("model", model)
                .put("created_at", "2026-11-22T03:00:00.000Z")
                .<ObjectNode>set(
                        "message",
                        new ObjectMapper()
                                .createObjectNode()
                                .put("role", "assistant")
                                .put("content", answer))
                .put("done_reason", "stop")
                .put("done", true)
                .put("prompt_eval_count", PROMPT_TOKENS)
                .put("eval_count", COMPLETION_TOKENS)
                .toString();
        return Reply.json(200, body);
    }
}
