package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.claude.ClaudeChatClient;
import dev.knowledgerouter.answer.claude.RetryPolicy;
import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.config.EscalationSettings;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.route.ForcedRoute;
import dev.knowledgerouter.route.Target;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer step against servers that speak Ollama's and Anthropic's real wire formats. */
class AnswererTest {
    static final String KEY = "sk-ant-test-0123456789";
    static final List<ContextPassage> CONTEXT = List.of(new ContextPassage(
            "error-solutions",
            "maven-pkix-path-building-failed",
            0.91,
            "PKIX path building failed",
            "Import the proxy CA into a trust store with keytool."));
    static final String OLLAMA_OK = """
            {"model":"qwen2.5-coder:7b","created_at":"2026-11-22T03:00:00.000Z","message":{"role":"assistant","content":"Import the CA with keytool."},
             "done_reason":"stop","done":true,"total_duration":1200000,"load_duration":100,"prompt_eval_count":142,"prompt_eval_duration":10,
             "eval_count":17,"eval_duration":10}""";
    static final String CLAUDE_OK = """
            {"id":"msg_01XYZ","type":"message","role":"assistant","model":"claude-sonnet-4-6",
             "content":[{"type":"text","text":"Use an event-driven design."}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":210,"output_tokens":45}}""";

    static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    final WireServer ollama = new WireServer();
    final WireServer claude = new WireServer();

    @AfterEach
    void stop() {
        ollama.close();
        claude.close();
    }

    @TempDir
    Path usageDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    /** Waits the retry policy asked for; recorded, not slept. */
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    Answerer answerer(boolean withClaude) {
        return answerer(
                withClaude, List.of("qwen2.5-coder:7b"), CostSettings.defaults(), EscalationSettings.defaults());
    }

    Answerer answerer(boolean withClaude, List<String> localModels, CostSettings cost, EscalationSettings escalation) {
        List<ChatClient> chain = localModels.stream()
                .<ChatClient>map(m -> new OllamaChatClient(new OllamaSettings(ollama.url(), m, Duration.ofSeconds(5))))
                .toList();
        Optional<ChatClient> remote = withClaude
                ? Optional.of(new ClaudeChatClient(
                        new ClaudeSettings(
                                Optional.of(Secret.of(KEY)),
                                "claude-sonnet-4-6",
                                claude.url(),
                                512,
                                Duration.ofSeconds(5)),
                        RetryPolicy.DEFAULT,
                        sleeps::add))
                : Optional.empty();
        UsageLedger ledger = new UsageLedger(usageDir);
        return new Answerer(
                chain,
                remote,
                new PromptBuilder(),
                escalation,
                new CostGuard(ledger, cost, clock),
                ledger,
                cost,
                clock);
    }

    static AnswerRequest request(String query, Target target, List<ContextPassage> context) {
        return new AnswerRequest("i-1", query, target, context, 0.72, "general", false);
    }

    @Test
    void aLocalAnswerCarriesTheContextInThePromptAndTheReportedTokens() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(false).answer(request("mvn fails with PKIX", Target.LOCAL, CONTEXT));
        assertEquals(AnswerSource.LOCAL, a.source());
        assertEquals("Import the CA with keytool.", a.text());
        Attempt attempt = a.attempts().getFirst();
        assertEquals(142, attempt.inputTokens());
        assertEquals(17, attempt.outputTokens());
        JsonNode sent = json(ollama.received("/api/chat").getFirst().body());
        assertEquals("qwen2.5-coder:7b", sent.path("model").asText());
        assertFalse(sent.path("stream").asBoolean(true));
        String user = sent.path("messages").get(1).path("content").asText();
        assertTrue(
                user.contains("maven-pkix-path-building-failed")
                        && user.contains("keytool")
                        && user.endsWith("mvn fails with PKIX"),
                user);
    }

    @Test
    void aModelMissingFromOllamaFallsBackToALabelledRetrievalAnswerThatSaysHowToPullIt() {
        ollama.on(
                "/api/chat",
                Reply.json(404, "{\"error\":\"model \\\"qwen2.5-coder:7b\\\" not found, try pulling it first\"}"));
        Answer a = answerer(false).answer(request("mvn fails with PKIX", Target.LOCAL, CONTEXT));
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.text().startsWith("[retrieval-only]"), a.text());
        assertTrue(a.text().contains("Import the proxy CA"), a.text());
        assertTrue(a.note().contains("ollama pull qwen2.5-coder:7b"), a.note());
        assertEquals(Attempt.Outcome.FAILURE, a.attempts().getFirst().outcome());
    }

    @Test
    void anUnreachableOllamaIsReportedAsSuchAndNothingIsInvented() {
        String down = "http://127.0.0.1:" + TestStack.closedPort();
        UsageLedger ledger = new UsageLedger(usageDir);
        Answerer answerer = new Answerer(
                List.of(new OllamaChatClient(new OllamaSettings(down, "m", Duration.ofSeconds(5)))),
                Optional.empty(),
                new PromptBuilder(),
                EscalationSettings.defaults(),
                new CostGuard(ledger, CostSettings.defaults(), clock),
                ledger,
                CostSettings.defaults(),
                clock);
        Answer a = answerer.answer(request("anything", Target.LOCAL, List.of()));
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("unreachable"), a.note());
        assertTrue(a.text().contains("no stored entry is close enough"), a.text());
    }

    @Test
    void aRetrievalAnswerNeverOffersAnEntryBelowTheTrustedBar() {
        List<ContextPassage> weak = List.of(new ContextPassage(
                "skills-patterns", "docker-buildx", 0.67, "Build multi-platform images", "Use buildx."));
        Answer a = answerer(false).answer(request("how do I design a plugin architecture?", Target.LOCAL, weak));
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(
                a.text().contains("no stored entry is close enough") && a.text().contains("0.67"), a.text());
        assertFalse(a.text().contains("Use buildx."), a.text());
    }

    @Test
    void anEmptyLocalAnswerCountsAsAFailure() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK.replace("Import the CA with keytool.", "   ")));
        Answer a = answerer(false).answer(request("q", Target.LOCAL, CONTEXT));
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("empty answer"), a.note());
    }

    @Test
    void aRemoteRouteCallsClaudeWithTheKeyHeaderAndRecordsItsUsage() {
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(true).answer(request("design a multi-tenant platform", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.REMOTE, a.source());
        assertEquals("claude/claude-sonnet-4-6", a.model());
        assertEquals(210, a.attempts().getFirst().inputTokens());
        assertEquals(KEY, claude.received().getFirst().header("x-api-key"));
        assertTrue(ollama.received().isEmpty());
    }

    @Test
    void anOverloadedClaudeFallsBackToTheLocalModelAndSaysSo() {
        claude.on(
                "/v1/messages",
                Reply.json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.LOCAL, a.source());
        assertTrue(a.note().contains("529"), a.note());
        assertEquals(
                List.of(Attempt.Outcome.FAILURE, Attempt.Outcome.SUCCESS),
                a.attempts().stream().map(Attempt::outcome).toList());
    }

    @Test
    void aRejectedKeyIsReportedWithoutTheKey() {
        claude.on(
                "/v1/messages",
                Reply.json(
                        401,
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key "
                                + KEY + "\"}}"));
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"boom\"}"));
        Answer a = answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("ANTHROPIC_API_KEY was rejected"), a.note());
        assertFalse(a.note().contains(KEY), a.note());
        assertFalse(a.text().contains(KEY), a.text());
        a.attempts().forEach(at -> assertFalse(String.valueOf(at.error()).contains(KEY)));
    }

    @Test
    void aKeyEchoedAcrossTheTruncationPointLeavesNoFragment() {
        String padding = "x".repeat(280);
        claude.on(
                "/v1/messages",
                Reply.json(
                        400,
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"" + padding
                                + " key " + KEY + "\"}}"));
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"boom\"}"));
        Answer a = answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        for (Attempt at : a.attempts()) {
            String error = String.valueOf(at.error());
            for (int len = 8; len <= KEY.length(); len++) {
                assertFalse(error.contains(KEY.substring(0, len)), "fragment of the key in: " + error);
            }
        }
    }

    @Test
    void theRemedyOffersOnlyWhatIsNotConfigured() {
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"boom\"}"));
        claude.on(
                "/v1/messages",
                Reply.json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertFalse(answerer(true)
                .answer(request("q", Target.REMOTE, List.of()))
                .text()
                .contains("set ANTHROPIC_API_KEY"));
        assertTrue(answerer(false)
                .answer(request("q", Target.REMOTE, List.of()))
                .text()
                .contains("set ANTHROPIC_API_KEY"));
    }

    static Reply ollamaBy(WireServer.Received r, Map<String, Reply> byModel) {
        String model = json(r.body()).path("model").asText();
        return byModel.getOrDefault(
                model, Reply.json(404, "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}"));
    }

    @Test
    void whenThePrimaryLocalModelFailsTheFallbackAnswers() {
        ollama.on("/api/chat", r -> ollamaBy(r, Map.of("llama3.2:3b", Reply.json(200, OLLAMA_OK))));
        Answer a = answerer(
                        true,
                        List.of("qwen2.5-coder:7b", "llama3.2:3b"),
                        CostSettings.defaults(),
                        EscalationSettings.defaults())
                .answer(request("mvn fails with PKIX", Target.LOCAL, CONTEXT));
        assertEquals(AnswerSource.LOCAL, a.source());
        assertEquals("ollama/llama3.2:3b", a.model());
        assertEquals("fallback", a.status());
        assertTrue(claude.received().isEmpty(), "one failure is below the escalation threshold of 2");
    }

    @Test
    void whenEveryLocalModelFailsTheQueryEscalatesToClaudeWithTheFailuresSummarised() {
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"llama runner process has terminated\"}"));
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(
                        true,
                        List.of("qwen2.5-coder:7b", "llama3.2:3b"),
                        CostSettings.defaults(),
                        EscalationSettings.defaults())
                .answer(request("mvn fails with PKIX", Target.LOCAL, CONTEXT));
        assertEquals(AnswerSource.REMOTE, a.source());
        assertEquals("escalated", a.status());
        assertEquals(3, a.attempts().size());
        String sent = json(claude.received().getFirst().body())
                .path("messages")
                .get(0)
                .path("content")
                .toString();
        assertTrue(sent.contains("Local models could not answer") && sent.contains("HTTP 500"), sent);
        assertTrue(sent.contains("maven-pkix-path-building-failed"), "context above the 0.7 bar goes along: " + sent);
        assertEquals(210, a.usage().inputTokens());
        assertEquals(210 * 3 / 1e6 + 45 * 15 / 1e6, a.usage().costUsd(), 1e-12);
    }

    @Test
    void aCriticalTaskEscalatesAfterOneLocalFailure() {
        ollama.on("/api/chat", r -> ollamaBy(r, Map.of("llama3.2:3b", Reply.json(200, OLLAMA_OK))));
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(
                        true,
                        List.of("qwen2.5-coder:7b", "llama3.2:3b"),
                        CostSettings.defaults(),
                        EscalationSettings.defaults())
                .answer(new AnswerRequest("i-2", "q", Target.LOCAL, CONTEXT, 0.72, "critical", false));
        assertEquals(AnswerSource.REMOTE, a.source(), "the fallback is not tried before Claude for a critical task");
        assertEquals(2, a.attempts().size());
    }

    @Test
    void overTheHourlyCapTheAnswerDegradesToLocalWithTheReason() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        CostSettings capOne = new CostSettings(
                1, Optional.empty(), Optional.empty(), CostSettings.defaultPricing(), "claude-sonnet-4-6");
        Answerer answerer = answerer(true, List.of("qwen2.5-coder:7b"), capOne, EscalationSettings.defaults());
        assertEquals(
                AnswerSource.REMOTE,
                answerer.answer(request("design it", Target.REMOTE, List.of())).source());
        Answer capped = answerer.answer(request("design it again", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.LOCAL, capped.source());
        assertEquals("degraded", capped.status());
        assertTrue(capped.note().contains("hourly cap of 1 Claude calls is reached"), capped.note());
        assertEquals(1, claude.received().size());
        clock.advance(Duration.ofMinutes(61));
        assertEquals(
                AnswerSource.REMOTE,
                answerer.answer(request("design it later", Target.REMOTE, List.of()))
                        .source());
    }

    @Test
    void overBudgetNothingIsPaidAndRetrievalAnswersWhenNoLocalModelCan() {
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"boom\"}"));
        CostSettings budget = new CostSettings(
                50, Optional.of(0.0001), Optional.empty(), CostSettings.defaultPricing(), "claude-sonnet-4-6");
        Answerer answerer = answerer(true, List.of("qwen2.5-coder:7b"), budget, EscalationSettings.defaults());
        answerer.answer(request("first", Target.REMOTE, List.of()));
        Answer over = answerer.answer(request("mvn fails with PKIX", Target.REMOTE, CONTEXT));
        assertEquals(AnswerSource.RETRIEVAL, over.source());
        assertTrue(over.note().contains("daily budget of $0.00 is spent"), over.note());
        assertEquals(1, claude.received().size());
    }

    @Test
    void preferRemoteAsksClaudeFirstEvenOnALocalRoute() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(true).answer(new AnswerRequest("i-3", "q", Target.LOCAL, CONTEXT, 0.72, "general", true));
        assertEquals(AnswerSource.REMOTE, a.source());
        assertTrue(ollama.received().isEmpty());
    }

    @Test
    void everyPaidCallIsInTheLedgerWithItsTokensAndNeverTheKey() throws Exception {
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        List<UsageRecord> records =
                new UsageLedger(usageDir).read(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(1, records.size());
        assertEquals(45, records.getFirst().outputTokens());
        assertEquals("routed remote", records.getFirst().reason());
        try (var files = Files.list(usageDir)) {
            for (Path f : files.toList()) {
                assertFalse(Files.readString(f).contains(KEY));
            }
        }
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheRequestedWaitAndThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        claude.on(
                "/v1/messages",
                r -> calls.incrementAndGet() == 1
                        ? new Reply(
                                429,
                                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}",
                                Map.of("Content-Type", "application/json", "retry-after", "2"))
                        : Reply.json(200, CLAUDE_OK));
        Answer a = answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.REMOTE, a.source());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
        assertEquals(2, claude.received().size());
    }

    @Test
    void a529ThatPersistsExhaustsTheBoundedRetriesAndDegradesToLocal() {
        claude.on(
                "/v1/messages",
                Reply.json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.LOCAL, a.source());
        assertEquals("degraded", a.status());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
        assertEquals(4, claude.received().size(), "one call and three retries");
        assertTrue(a.note().contains("529"), a.note());
    }

    @Test
    void aClientErrorIsNotRetried() {
        claude.on(
                "/v1/messages",
                Reply.json(
                        400,
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too large\"}}"));
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        answerer(true).answer(request("design it", Target.REMOTE, List.of()));
        assertEquals(1, claude.received().size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aRemoteRouteWithoutAKeyIsAnsweredLocallyWithTheReason() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(false).answer(request("design it", Target.REMOTE, List.of()));
        assertEquals(AnswerSource.LOCAL, a.source());
        assertTrue(a.note().contains("Claude is not configured"), a.note());
    }

    static AnswerRequest forced(ForcedRoute route) {
        return new AnswerRequest(
                "i-3", "mvn fails with PKIX", route.target(), CONTEXT, 0.72, "general", false, Optional.of(route));
    }

    @Test
    void aForcedLocalRouteNeverCallsClaudeEvenWhenEveryLocalModelFails() {
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"llama runner process has terminated\"}"));
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(
                        true,
                        List.of("qwen2.5-coder:7b", "llama3.2:3b"),
                        CostSettings.defaults(),
                        EscalationSettings.defaults())
                .answer(forced(ForcedRoute.local()));
        assertTrue(claude.received().isEmpty(), "a client that asked for local answers is never billed");
        assertEquals(
                2, ollama.received("/api/chat").size(), "the whole local chain is tried, with no escalation between");
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("Claude not called: the request asked for local"), a.note());
        assertFalse(a.text().contains("ANTHROPIC_API_KEY"), "the remedy does not suggest Claude: " + a.text());
    }

    @Test
    void aForcedLocalModelAnswersAloneWithoutTheRestOfTheChain() {
        ollama.on("/api/chat", r -> ollamaBy(r, Map.of("llama3.2:3b", Reply.json(200, OLLAMA_OK))));
        Answer a = answerer(
                        true,
                        List.of("qwen2.5-coder:7b", "llama3.2:3b"),
                        CostSettings.defaults(),
                        EscalationSettings.defaults())
                .answer(forced(ForcedRoute.localModel("llama3.2:3b")));
        assertEquals("ollama/llama3.2:3b", a.model());
        assertEquals("ok", a.status(), "the model asked for answered first");
        assertEquals(1, ollama.received("/api/chat").size());
    }

    @Test
    void withOneLocalModelTheQueryEscalatesAfterItsOnlyFailureThoughTwoAreConfigured() {
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"llama runner process has terminated\"}"));
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(true).answer(request("mvn fails with PKIX", Target.LOCAL, CONTEXT));
        assertEquals("escalated", a.status());
        assertEquals(1, ollama.received("/api/chat").size(), "the one model is asked once, never retried");
        List<UsageRecord> records =
                new UsageLedger(usageDir).read(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals("escalated after 1 local failures", records.getFirst().reason());
    }

    @Test
    void withThreeLocalModelsTheQueryEscalatesAfterTwoAndTheThirdIsAskedOnlyIfClaudeFails() {
        ollama.on("/api/chat", r -> ollamaBy(r, Map.of("qwen2.5-coder:1.5b", Reply.json(200, OLLAMA_OK))));
        claude.on(
                "/v1/messages",
                Reply.json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        Answer a = answerer(
                        true,
                        List.of("qwen2.5-coder:7b", "llama3.2:3b", "qwen2.5-coder:1.5b"),
                        CostSettings.defaults(),
                        EscalationSettings.defaults())
                .answer(request("mvn fails with PKIX", Target.LOCAL, CONTEXT));
        assertEquals(
                List.of(
                        "ollama/qwen2.5-coder:7b",
                        "ollama/llama3.2:3b",
                        "claude/claude-sonnet-4-6",
                        "ollama/qwen2.5-coder:1.5b"),
                a.attempts().stream().map(Attempt::model).toList());
        assertEquals("ollama/qwen2.5-coder:1.5b", a.model());
        assertEquals("degraded", a.status());
    }
}
