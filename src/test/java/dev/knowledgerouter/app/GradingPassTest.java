package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.config.GraderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional grading pass ({@code verify.grader}) in the served router, against a server speaking
 * Ollama's wire format: off by default, and when on a second local call whose "no" is a failed check,
 * counted and timed in the metrics.
 */
class GradingPassTest {
    static final String QUESTION = "mvn dependency resolution fails with PKIX path building failed";
    static final String ANSWER = "Import the proxy's CA certificate into a trust store with keytool, then point Maven"
            + " at it with -Djavax.net.ssl.trustStore and run the build again.";
    static final String GRADE = "NO. The answer names the wrong trust store property.";

    @TempDir
    Path home;

    final ObjectMapper json = new ObjectMapper();
    /** Answers a question with {@link #ANSWER}, and a grading request (its system prompt) with {@link #GRADE}. */
    final WireServer ollama = new WireServer().on("/api/chat", r -> reply(isGrading(r) ? GRADE : ANSWER));

    App app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        ollama.close();
    }

    boolean isGrading(WireServer.Received r) {
        return body(r).path("messages").get(0).path("content").asText().startsWith("You check answers");
    }

    JsonNode body(WireServer.Received r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply reply(String content) {
        return Reply.json(
                200,
                "{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-22T03:00:00.000Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},"
                        + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":10,\"eval_count\":20}");
    }

    QueryResponse ask(GraderSettings grader) {
        KrConfig config = TestStack.seededCopy(home)
                .withOllama(new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10)))
                .withGrader(grader);
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        return QueryResponse.of(app.queries().query(QueryRequest.of(QUESTION)));
    }

    @Test
    void offByDefaultTheAnswerIsCheckedWithoutASecondCall() {
        QueryResponse r = ask(GraderSettings.defaults());
        assertEquals("local", r.route().target());
        assertEquals(1, ollama.received("/api/chat").size(), "only the answer is asked for");
        assertTrue(r.route().checks().reasons().stream().noneMatch(s -> s.startsWith("grader:")));
        assertFalse(app.metrics().scrape().contains("kr_verify_grader"), "no grader meters while it is off");
    }

    @Test
    void whenOnTheGradersNoIsAFailedCheckAndTheCallIsCounted() {
        QueryResponse r = ask(new GraderSettings(true, "", Duration.ofSeconds(10)));
        List<WireServer.Received> calls = ollama.received("/api/chat");
        assertEquals(2, calls.size(), "the answer, then its grade");
        assertTrue(isGrading(calls.get(1)));
        assertTrue(body(calls.get(1)).toString().contains("keytool"), "the grader sees the answer");
        assertTrue(
                r.route()
                        .checks()
                        .reasons()
                        .contains("grader: the grading model says no: "
                                + "The answer names the wrong trust store property."),
                r.route().checks().reasons().toString());
        assertEquals(
                "unverified",
                r.status(),
                "a plain answer the grader says no to is doubted: " + r.route().checks());
        String metrics = app.metrics().scrape();
        assertTrue(metrics.contains("kr_verify_grader_calls_total 1.0"), metrics);
        assertTrue(metrics.contains("kr_verify_grader_unknown_total 0.0"), metrics);
        assertTrue(metrics.contains("kr_verify_grader_seconds_total"), metrics);
    }

    @Test
    void theGraderIsTheModelNamedElseThePrimaryOne() {
        ask(new GraderSettings(true, "llama3.2:3b", Duration.ofSeconds(10)));
        assertEquals(
                "qwen2.5-coder:7b",
                body(ollama.received("/api/chat").get(0)).path("model").asText());
        assertEquals(
                "llama3.2:3b",
                body(ollama.received("/api/chat").get(1)).path("model").asText());
    }
}
