package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations and task types through the whole query path on a real port, Ollama and Claude wire servers
 * answering: the system prompt and earlier turns reach the model that answers, follow-ups are routed on their
 * standalone form, turns share a conversation id, task types keep easy work local, and prefer local never
 * calls Claude.
 */
class ConversationsAndTasksTest {
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";
    static final String FIRST_ANSWER = "Import the proxy's CA certificate into a trust store with keytool.";
    static final String SECOND = "I did that and the build still fails with the same message, why would it?";
    static final String SECOND_ANSWER = "Maven may run on another JDK than the one whose trust store you changed.";
    static final String THIRD = "How do I check which one it uses?";
    static final String INSTRUCTIONS = "You are a terse assistant inside the developer's editor.";
    /** Nothing in the knowledge base is about it: the default profile sends it to Claude. */
    static final String UNKNOWN_CODE =
            "Add documentation to this Python function: def frobnicate(widget, count): return [widget] * count";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    App app;
    Javalin server;
    String base;

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
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
        app.close();
        ollama.close();
        claude.close();
    }

    JsonNode post(String path, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    JsonNode post(String path, Object body) throws Exception {
        return post(path, body, Map.of());
    }

    static Map<String, String> turn(String role, String content) {
        return Map.of("role", role, "content", content);
    }

    /** The first two turns, as history or as the start of OpenAI's messages. */
    static List<Map<String, String>> earlierTurns() {
        return List.of(
                turn("user", PKIX),
                turn("assistant", FIRST_ANSWER),
                turn("user", SECOND),
                turn("assistant", SECOND_ANSWER));
    }

    static List<Map<String, String>> chatMessages() {
        List<Map<String, String>> messages = new ArrayList<>();
        messages.add(turn("system", INSTRUCTIONS));
        messages.addAll(earlierTurns());
        messages.add(turn("user", THIRD));
        return messages;
    }

    /** The text of a message as either API carries it: a string, or an array of text blocks. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        content.forEach(block -> out.append(block.path("text").asText()));
        return out.toString();
    }

    /** Role and text of each message a wire server was sent in its last request to {@code path}. */
    List<String> sentMessages(WireServer wire, String path) throws Exception {
        JsonNode messages = json.readTree(wire.received(path).getLast().body()).path("messages");
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.path("role").asText() + ": " + text(m.path("content"))));
        return out;
    }

    static void assertWholeConversation(List<String> sent) {
        assertEquals(5, sent.size(), "the four earlier turns and the question: " + sent);
        assertEquals("user: " + PKIX, sent.get(0));
        assertEquals("assistant: " + FIRST_ANSWER, sent.get(1));
        assertEquals("user: " + SECOND, sent.get(2));
        assertEquals("assistant: " + SECOND_ANSWER, sent.get(3));
        assertTrue(sent.get(4).startsWith("user: ") && sent.get(4).endsWith(THIRD), sent.get(4));
    }

    List<String> reasons(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("route").path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    @Test
    void aThreeTurnConversationReachesTheLocalModelWholeThroughTheOpenAiEndpoint() throws Exception {
        post("/v1/chat/completions", Map.of("model", "local", "messages", chatMessages()));
        List<String> sent = sentMessages(ollama, "/api/chat");
        assertTrue(sent.getFirst().startsWith("system: ") && sent.getFirst().endsWith(INSTRUCTIONS), sent.getFirst());
        assertWholeConversation(sent.subList(1, sent.size()));
    }

    @Test
    void aThreeTurnConversationReachesClaudeWholeThroughTheOpenAiEndpoint() throws Exception {
        post("/v1/chat/completions", Map.of("model", "remote", "messages", chatMessages()));
        JsonNode sent = json.readTree(claude.received("/v1/messages").getLast().body());
        assertTrue(
                text(sent.path("system")).endsWith(INSTRUCTIONS),
                sent.path("system").toString());
        assertWholeConversation(sentMessages(claude, "/v1/messages"));
    }

    @Test
    void theHistoryOfAQueryReachesTheModelWhole() throws Exception {
        post("/v1/query", Map.of("query", THIRD, "prefer", "local", "history", withInstructions(earlierTurns())));
        List<String> sent = sentMessages(ollama, "/api/chat");
        assertTrue(sent.getFirst().endsWith(INSTRUCTIONS), sent.getFirst());
        assertWholeConversation(sent.subList(1, sent.size()));
    }

    static List<Map<String, String>> withInstructions(List<Map<String, String>> turns) {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(turn("system", INSTRUCTIONS));
        all.addAll(turns);
        return all;
    }

    @Test
    void aFollowUpIsRoutedAndSearchedOnItsStandaloneForm() throws Exception {
        String followUp = "And on Gradle?";
        String onItsOwn = reasons(post("/v1/query", Map.of("query", followUp))).getFirst();
        String asked = reasons(post("/v1/query", Map.of("query", PKIX))).getFirst();
        List<String> reasons = reasons(post(
                "/v1/query",
                Map.of("query", followUp, "history", List.of(turn("user", PKIX), turn("assistant", FIRST_ANSWER)))));
        assertNotEquals(asked, onItsOwn, "the follow-up alone matches something else");
        assertTrue(
                reasons.getFirst().contains(asked.substring(asked.indexOf(" from "))),
                "searched with the previous turn: " + reasons.getFirst() + " vs " + asked);
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("follow-up (3 words)")), reasons.toString());
        JsonNode stored = interactions().getFirst();
        assertEquals(PKIX + "\n" + followUp, stored.path("query").asText());
    }

    List<JsonNode> interactions() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/interactions")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new ArrayList<>();
        json.readTree(r.body()).path("interactions").forEach(out::add);
        return out;
    }

    @Test
    void theTurnsOfOneConversationShareAConversationIdThatOtherQuestionsDoNot() throws Exception {
        post("/v1/query", Map.of("query", PKIX));
        post("/v1/query", Map.of("query", SECOND, "history", earlierTurns().subList(0, 2)));
        post("/v1/query", Map.of("query", THIRD, "history", earlierTurns()));
        post("/v1/query", Map.of("query", "How do I squash the last three commits with git rebase?"));
        List<String> ids = interactions().stream()
                .map(i -> i.path("conversation").asText())
                .toList();
        assertEquals(4, ids.size(), ids.toString());
        // Newest first: the unrelated question, then the three turns.
        assertEquals(1, ids.subList(1, 4).stream().distinct().count(), ids.toString());
        assertNotEquals(ids.get(0), ids.get(1));
    }

    @Test
    void aDocstringTaskWithNoKnowledgeMatchStaysLocal() throws Exception {
        JsonNode r = post("/v1/query", Map.of("query", UNKNOWN_CODE, "task_type", "docstring"));
        assertEquals("local", r.path("route").path("decided").asText(), r.toString());
        assertEquals("local", r.path("route").path("target").asText(), r.toString());
        assertEquals(0, claude.received("/v1/messages").size(), "Claude not called");
        assertTrue(
                reasons(r)
                        .contains("task type docstring is in profile default's keep_local list -> local"
                                + " (the answer is still checked)"),
                reasons(r).toString());
        // Asked first, Claude's answer would be stored knowledge matching the second ask.
        JsonNode control = post("/v1/query", Map.of("query", UNKNOWN_CODE));
        assertEquals("remote", control.path("route").path("decided").asText(), control.toString());
    }

    @Test
    void aDocstringTaskInferredFromTheWordingStaysLocalAndTheReasonsSaySo() throws Exception {
        JsonNode r = post(
                "/v1/query",
                Map.of("query", "Write a docstring for this Python function: def frobnicate(widget, count)"));
        assertEquals("local", r.path("route").path("decided").asText(), r.toString());
        assertTrue(
                reasons(r).stream().anyMatch(s -> s.startsWith("task type docstring (inferred from 'docstring')")),
                reasons(r).toString());
    }

    @Test
    void theOpenAiEndpointTakesTheTaskTypeFromTheXKrTaskHeader() throws Exception {
        JsonNode r = post(
                "/v1/chat/completions",
                Map.of("model", "auto", "messages", List.of(turn("user", UNKNOWN_CODE))),
                Map.of("X-KR-Task", "docstring"));
        assertEquals("local", r.path("kr_route").path("decided").asText(), r.toString());
        assertEquals(0, claude.received("/v1/messages").size());
    }

    @Test
    void theOpenAiEndpointTakesTheTaskTypeFromKrTask() throws Exception {
        JsonNode r = post(
                "/v1/chat/completions",
                Map.of("model", "auto", "kr_task", "docstring", "messages", List.of(turn("user", UNKNOWN_CODE))));
        assertEquals("local", r.path("kr_route").path("decided").asText(), r.toString());
    }

    @Test
    void anArchitectureTaskGoesToClaudeEvenWithAKnowledgeMatch() throws Exception {
        JsonNode control = post("/v1/query", Map.of("query", PKIX, "profile", "casual"));
        assertEquals("local", control.path("route").path("decided").asText(), control.toString());
        JsonNode r = post("/v1/query", Map.of("query", PKIX, "profile", "casual", "task_type", "architecture"));
        assertEquals("remote", r.path("route").path("decided").asText(), r.toString());
    }

    @Test
    void preferLocalNeverCallsClaudeEvenForAQuestionRoutedRemote() throws Exception {
        String design = "How should I design the architecture for a scalable multi-tenant SaaS platform?";
        JsonNode control = post("/v1/query", Map.of("query", design, "prefer", "auto"));
        assertEquals("remote", control.path("route").path("target").asText(), control.toString());
        int claudeCalls = claude.received("/v1/messages").size();
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"model runner crashed\"}"));
        JsonNode r = post("/v1/query", Map.of("query", design, "prefer", "local"));
        assertEquals(claudeCalls, claude.received("/v1/messages").size(), "Claude not called: " + r);
        assertNotEquals("remote", r.path("route").path("target").asText(), r.toString());
    }
}
