package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.AnswerSource;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paid and local answers through the whole query path, and the usage report built from them. */
class UsageReportTest {
    static final String KEY = "sk-ant-usage-test-key-0001";

    @TempDir
    Path home;

    @Test
    void theReportCountsPaidCallsAndEstimatesWhatLocalAnswersSaved() throws Exception {
        try (WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
                WireServer claude =
                        new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK))) {
            KrConfig seeded = TestStack.seededCopy(home);
            KrConfig config = seeded.toBuilder()
                    .ollama(new OllamaSettings(ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5)))
                    .claude(new ClaudeSettings(
                            Optional.of(Secret.of(KEY)),
                            "claude-sonnet-4-6",
                            claude.url(),
                            1024,
                            Duration.ofSeconds(5)))
                    .build();
            MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
            try (App app = App.open(config, TestStack.embedder(), clock)) {
                QueryResult local = app.queries()
                        .query(new QueryRequest(
                                "how do I squash commits", Optional.of("casual"), Optional.empty(), false));
                assertEquals(AnswerSource.LOCAL, local.answer().source());
                QueryResult paid = app.queries()
                        .query(new QueryRequest("design a plugin system", Optional.empty(), Optional.empty(), true));
                assertEquals(AnswerSource.REMOTE, paid.answer().source());
                assertEquals(
                        2000 * 3 / 1e6 + 500 * 15 / 1e6, paid.answer().usage().costUsd(), 1e-12);

                UsageReport r = app.usage();
                assertEquals(1, r.lastHour().calls());
                assertEquals(1, r.month().calls());
                assertEquals(2000, r.month().inputTokens());
                assertEquals(49, r.callsLeftThisHour());
                assertEquals("claude-sonnet-4-6", r.byModel().getFirst().model());
                assertEquals(1, r.estimatedSaving().localAnswers());
                assertEquals(
                        1000 * 3 / 1e6 + 100 * 15 / 1e6, r.estimatedSaving().usd(), 1e-9);
                assertTrue(r.estimatedSaving().note().startsWith("estimate"));

                clock.advance(Duration.ofHours(2));
                assertEquals(0, app.usage().lastHour().calls(), "the hour window moved on");
                assertEquals(1, app.usage().today().calls());

                Javalin server = new HttpApi(app).create().start();
                try {
                    HttpResponse<String> http = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://127.0.0.1:" + server.port() + "/v1/usage"))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, http.statusCode());
                    assertTrue(
                            http.body().contains("\"calls_left_this_hour\":50")
                                    && http.body().contains("\"estimated_saving\""),
                            http.body());
                } finally {
                    server.stop();
                }
            }
            try (var files = Files.walk(home)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(
                            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY),
                            "key found in " + f);
                }
            }
        }
    }
}
