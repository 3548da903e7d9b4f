package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.route.Target;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The answer step against servers that speak Ollama's and Anthropic's real wire formats. */
class AnswererTest {
    static final String KEY = "sk-ant-test-0123456789";
    static final List<ContextPassage> CONTEXT = List.of(new ContextPassage("error-solutions", "maven-pkix-path-building-failed", 0.91,
            "PKIX path building failed", "Import the proxy CA into a trust store with keytool."));
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
        } catch (java.io.IOException e) {
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

    Answerer answerer(boolean withClaude) {
        ChatClient local = new OllamaChatClient(new OllamaSettings(ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5)));
        Optional<ChatClient> remote = withClaude
                ? Optional.of(new ClaudeChatClient(new ClaudeSettings(Optional.of(Secret.of(KEY)), "claude-sonnet-4-6", claude.url(), 512, Duration.ofSeconds(5))))
                : Optional.empty();
        return new Answerer(Optional.of(local), remote, new PromptBuilder());
    }

    @Test
    void aLocalAnswerCarriesTheContextInThePromptAndTheReportedTokens() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(false).answer("mvn fails with PKIX", Target.LOCAL, CONTEXT, 0.72);
        assertEquals(AnswerSource.LOCAL, a.source());
        assertEquals("Import the CA with keytool.", a.text());
        Attempt attempt = a.attempts().getFirst();
        assertEquals(142, attempt.inputTokens());
        assertEquals(17, attempt.outputTokens());
        JsonNode sent = json(ollama.received().getFirst().body());
        assertEquals("qwen2.5-coder:7b", sent.path("model").asText());
        assertFalse(sent.path("stream").asBoolean(true));
        String user = sent.path("messages").get(1).path("content").asText();
        assertTrue(user.contains("maven-pkix-path-building-failed") && user.contains("keytool") && user.endsWith("mvn fails with PKIX"), user);
    }

    @Test
    void aModelMissingFromOllamaFallsBackToALabelledRetrievalAnswerThatSaysHowToPullIt() {
        ollama.on("/api/chat", Reply.json(404, "{\"error\":\"model \\\"qwen2.5-coder:7b\\\" not found, try pulling it first\"}"));
        Answer a = answerer(false).answer("mvn fails with PKIX", Target.LOCAL, CONTEXT, 0.72);
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.text().startsWith("[retrieval-only]"), a.text());
        assertTrue(a.text().contains("Import the proxy CA"), a.text());
        assertTrue(a.note().contains("ollama pull qwen2.5-coder:7b"), a.note());
        assertEquals(Attempt.Outcome.FAILURE, a.attempts().getFirst().outcome());
    }

    @Test
    void anUnreachableOllamaIsReportedAsSuchAndNothingIsInvented() {
        String down = "http://127.0.0.1:" + TestStack.closedPort();
        Answerer answerer = new Answerer(Optional.of(new OllamaChatClient(new OllamaSettings(down, "m", Duration.ofSeconds(5)))),
                Optional.empty(), new PromptBuilder());
        Answer a = answerer.answer("anything", Target.LOCAL, List.of(), 0.72);
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("unreachable"), a.note());
        assertTrue(a.text().contains("no stored entry is close enough"), a.text());
    }

    @Test
    void aRetrievalAnswerNeverOffersAnEntryBelowTheTrustedBar() {
        List<ContextPassage> weak = List.of(new ContextPassage("skills-patterns", "docker-buildx", 0.67, "Build multi-platform images", "Use buildx."));
        Answer a = answerer(false).answer("how do I design a plugin architecture?", Target.LOCAL, weak, 0.72);
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.text().contains("no stored entry is close enough") && a.text().contains("0.67"), a.text());
        assertFalse(a.text().contains("Use buildx."), a.text());
    }

    @Test
    void anEmptyLocalAnswerCountsAsAFailure() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK.replace("Import the CA with keytool.", "   ")));
        Answer a = answerer(false).answer("q", Target.LOCAL, CONTEXT, 0.72);
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("empty answer"), a.note());
    }

    @Test
    void aRemoteRouteCallsClaudeWithTheKeyHeaderAndRecordsItsUsage() {
        claude.on("/v1/messages", Reply.json(200, CLAUDE_OK));
        Answer a = answerer(true).answer("design a multi-tenant platform", Target.REMOTE, List.of(), 0.72);
        assertEquals(AnswerSource.REMOTE, a.source());
        assertEquals("claude/claude-sonnet-4-6", a.model());
        assertEquals(210, a.attempts().getFirst().inputTokens());
        assertEquals(KEY, claude.received().getFirst().header("x-api-key"));
        assertTrue(ollama.received().isEmpty());
    }

    @Test
    void anOverloadedClaudeFallsBackToTheLocalModelAndSaysSo() {
        claude.on("/v1/messages", Reply.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(true).answer("design it", Target.REMOTE, List.of(), 0.72);
        assertEquals(AnswerSource.LOCAL, a.source());
        assertTrue(a.note().contains("529"), a.note());
        assertEquals(List.of(Attempt.Outcome.FAILURE, Attempt.Outcome.SUCCESS), a.attempts().stream().map(Attempt::outcome).toList());
    }

    @Test
    void aRejectedKeyIsReportedWithoutTheKey() {
        claude.on("/v1/messages", Reply.json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key " + KEY + "\"}}"));
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"boom\"}"));
        Answer a = answerer(true).answer("design it", Target.REMOTE, List.of(), 0.72);
        assertEquals(AnswerSource.RETRIEVAL, a.source());
        assertTrue(a.note().contains("ANTHROPIC_API_KEY was rejected"), a.note());
        assertFalse(a.note().contains(KEY), a.note());
        assertFalse(a.text().contains(KEY), a.text());
        a.attempts().forEach(at -> assertFalse(String.valueOf(at.error()).contains(KEY)));
    }

    @Test
    void aKeyEchoedAcrossTheTruncationPointLeavesNoFragment() {
        String padding = "x".repeat(280);
        claude.on("/v1/messages", Reply.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"" + padding + " key " + KEY + "\"}}"));
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"boom\"}"));
        Answer a = answerer(true).answer("design it", Target.REMOTE, List.of(), 0.72);
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
        claude.on("/v1/messages", Reply.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertFalse(answerer(true).answer("q", Target.REMOTE, List.of(), 0.72).text().contains("set ANTHROPIC_API_KEY"));
        assertTrue(answerer(false).answer("q", Target.REMOTE, List.of(), 0.72).text().contains("set ANTHROPIC_API_KEY"));
    }

    @Test
    void aRemoteRouteWithoutAKeyIsAnsweredLocallyWithTheReason() {
        ollama.on("/api/chat", Reply.json(200, OLLAMA_OK));
        Answer a = answerer(false).answer("design it", Target.REMOTE, List.of(), 0.72);
        assertEquals(AnswerSource.LOCAL, a.source());
        assertTrue(a.note().contains("Claude is not configured"), a.note());
    }
}
