package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr query --prefer local} and {@code --task}, in-process and through a running {@code kr serve}, with
 * Ollama and Claude wire servers answering: the local chain only, and a task type the profile keeps local.
 */
class QueryPreferAndTaskCliTest {
    /** Routed to Claude by the default profile: hard, and nothing in the knowledge base is about it. */
    static final String DESIGN = "How should I design the architecture for a scalable multi-tenant SaaS platform?";
    /** Nothing in the knowledge base is about it: the default profile sends it to Claude. */
    static final String UNKNOWN_CODE =
            "Add documentation to this Python function: def frobnicate(widget, count): return [widget] * count";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    KrConfig config;

    @BeforeEach
    void configure() {
        config = TestStack.seededCopy(home).toBuilder()
                .ollama(new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10)))
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-test-0123456789")),
                        ClaudeSettings.DEFAULT_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(10)))
                .build();
    }

    @AfterEach
    void stop() {
        ollama.close();
        claude.close();
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }

        String decided() throws Exception {
            return json().path("route").path("decided").asText();
        }

        String target() throws Exception {
            return json().path("route").path("target").asText();
        }

        List<String> reasons() throws Exception {
            List<String> out = new ArrayList<>();
            json().path("route").path("reasons").forEach(r -> out.add(r.asText()));
            return out;
        }
    }

    Run kr(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code body} with a {@code kr serve} announced on the home, so the CLI goes through HTTP. */
    void throughARunningServer(ThrowingRunnable body) throws Exception {
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                body.run();
            } finally {
                server.stop();
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void preferLocalAnswersAQuestionRoutedRemoteWithTheLocalModel() throws Exception {
        Run control = kr("query", "--json", DESIGN);
        assertEquals("remote", control.target(), control.out());
        int claudeCalls = claude.received("/v1/messages").size();

        Run r = kr("query", "--json", "--prefer", "local", DESIGN);
        assertEquals(0, r.exit(), r.err());
        assertEquals("local", r.target(), r.out());
        assertEquals("Local answer.", r.json().path("answer").asText());
        assertEquals(claudeCalls, claude.received("/v1/messages").size(), "Claude not called");
    }

    @Test
    void preferLocalNeverCallsClaudeWhenTheLocalModelFails() throws Exception {
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"model runner crashed\"}"));
        Run r = kr("query", "--json", "--prefer", "local", DESIGN);
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, claude.received("/v1/messages").size(), r.out());
        assertTrue(
                r.json().path("route").path("note").asText().endsWith("Claude not called: the request asked for local"),
                r.out());
    }

    @Test
    void preferLocalReachesARunningServer() throws Exception {
        throughARunningServer(() -> {
            Run r = kr("query", "--json", "--prefer", "local", DESIGN);
            assertEquals(0, r.exit(), r.err());
            assertEquals("local", r.target(), r.out());
            assertTrue(
                    r.reasons().getLast().startsWith("forced local by the request"),
                    r.reasons().toString());
            assertEquals(0, claude.received("/v1/messages").size());
        });
    }

    @Test
    void aDocstringTaskWithNoKnowledgeMatchStaysLocal() throws Exception {
        Run r = kr("query", "--json", "--task", "docstring", UNKNOWN_CODE);
        assertEquals(0, r.exit(), r.err());
        assertEquals("local", r.decided(), r.out());
        assertEquals(0, claude.received("/v1/messages").size(), "Claude not called");
        assertTrue(
                r.reasons()
                        .contains("task type docstring is in profile default's keep_local list -> local"
                                + " (the answer is still checked)"),
                r.reasons().toString());
    }

    @Test
    void withoutTheTaskTheSameQuestionGoesToClaude() throws Exception {
        Run r = kr("query", "--json", UNKNOWN_CODE);
        assertEquals("remote", r.decided(), r.out());
    }

    @Test
    void theTaskReachesARunningServer() throws Exception {
        throughARunningServer(() -> {
            Run r = kr("query", "--json", "--task-type", "docstring", UNKNOWN_CODE);
            assertEquals(0, r.exit(), r.err());
            assertEquals("local", r.decided(), r.out());
            assertEquals(0, claude.received("/v1/messages").size());
        });
    }

    @Test
    void theHumanOutputShowsTheTaskRoutedLocal() {
        Run r = kr("query", "--task", "docstring", UNKNOWN_CODE);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("route:   local"), r.out());
    }

    @Test
    void anUnknownPreferenceIsOneLineNamingTheChoicesAndExitOne() {
        Run r = kr("query", "--prefer", "cheap", DESIGN);
        assertEquals(1, r.exit());
        assertEquals(
                "kr: --prefer must be remote, local or auto, got 'cheap'",
                r.err().strip());
        assertEquals(
                0,
                ollama.received("/api/chat").size()
                        + claude.received("/v1/messages").size());
    }
}
