package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.PipeMcpTransport;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code route_query}'s {@code history}, {@code prefer: "local"} and {@code task_type} over the stdio transport,
 * with Ollama and Claude wire servers answering: the earlier turns reach the answering model whole, a request
 * for the local chain never reaches Claude, a task type the profile keeps local stays local, and a history of
 * the wrong shape is a tool error naming what is wrong.
 */
class RouteQueryConversationTest {
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";
    static final String FIRST_ANSWER = "Import the proxy's CA certificate into a trust store with keytool.";
    static final String SECOND = "I did that and the build still fails with the same message, why would it?";
    static final String SECOND_ANSWER = "Maven may run on another JDK than the one whose trust store you changed.";
    static final String THIRD = "How do I check which one it uses?";
    static final String INSTRUCTIONS = "You are a terse assistant inside the developer's editor.";
    /** Routed to Claude by the default profile: hard, and nothing in the knowledge base is about it. */
    static final String DESIGN = "How should I design the architecture for a scalable multi-tenant SaaS platform?";
    /** Nothing in the knowledge base is about it: the default profile sends it to Claude. */
    static final String UNKNOWN_CODE =
            "Add documentation to this Python function: def frobnicate(widget, count): return [widget] * count";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    final ObjectMapper json = new ObjectMapper();
    App app;
    PipeMcpTransport transport;
    Thread server;
    McpSyncClient client;

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
        transport = new PipeMcpTransport();
        server = Thread.ofPlatform()
                .name("mcp-stdio-server")
                .start(() -> StdioMcpServer.serve(app, transport.serverInput(), transport.serverOutput()));
        client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterEach
    void stop() throws Exception {
        client.closeGracefully();
        server.join(Duration.ofSeconds(10));
        app.close();
        ollama.close();
        claude.close();
    }

    CallToolResult call(Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(RouteQueryTool.NAME, arguments));
    }

    JsonNode ok(Map<String, Object> arguments) {
        CallToolResult r = call(arguments);
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> text(r));
        return json.valueToTree(r.structuredContent());
    }

    static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    static Map<String, String> turn(String role, String content) {
        return Map.of("role", role, "content", content);
    }

    static List<Map<String, String>> history() {
        return List.of(
                turn("system", INSTRUCTIONS),
                turn("user", PKIX),
                turn("assistant", FIRST_ANSWER),
                turn("user", SECOND),
                turn("assistant", SECOND_ANSWER));
    }

    static Map<String, Object> arguments(Object... keysAndValues) {
        Map<String, Object> out = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** The text of a message as either API carries it: a string, or an array of text blocks. */
    static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        content.forEach(block -> out.append(block.path("text").asText()));
        return out.toString();
    }

    /** Role and text of each message in the last request a wire server got on {@code path}. */
    List<String> sentMessages(WireServer wire, String path) throws Exception {
        List<String> out = new ArrayList<>();
        json.readTree(wire.received(path).getLast().body())
                .path("messages")
                .forEach(m -> out.add(m.path("role").asText() + ": " + content(m.path("content"))));
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

    static List<String> reasons(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("route").path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    @Test
    void theHistoryReachesTheLocalModelWholeWithTheInstructionsFirst() throws Exception {
        ok(arguments("query", THIRD, "prefer", "local", "history", history()));
        List<String> sent = sentMessages(ollama, "/api/chat");
        assertTrue(sent.getFirst().startsWith("system: ") && sent.getFirst().endsWith(INSTRUCTIONS), sent.getFirst());
        assertWholeConversation(sent.subList(1, sent.size()));
    }

    @Test
    void theHistoryReachesClaudeWholeWithTheInstructionsInTheSystemPrompt() throws Exception {
        ok(arguments("query", THIRD, "prefer", "remote", "history", history()));
        JsonNode sent = json.readTree(claude.received("/v1/messages").getLast().body());
        assertTrue(
                content(sent.path("system")).endsWith(INSTRUCTIONS),
                sent.path("system").toString());
        assertWholeConversation(sentMessages(claude, "/v1/messages"));
    }

    @Test
    void theTurnsOfAConversationAreStoredUnderOneConversationId() {
        String first = ok(arguments("query", PKIX)).path("interaction_id").asText();
        String third = ok(arguments("query", THIRD, "history", history().subList(1, 5)))
                .path("interaction_id")
                .asText();
        String other = ok(arguments("query", "How do I squash the last three commits with git rebase?"))
                .path("interaction_id")
                .asText();
        assertEquals(conversationOf(first), conversationOf(third));
        assertNotEquals(conversationOf(first), conversationOf(other));
    }

    Object conversationOf(String interactionId) {
        return app.store()
                .get("interaction-history", interactionId)
                .orElseThrow()
                .payload()
                .get("conversation");
    }

    @Test
    void preferLocalNeverCallsClaudeEvenWhenEveryLocalModelFails() {
        JsonNode control = ok(arguments("query", DESIGN));
        assertEquals("remote", control.path("route").path("target").asText(), control.toString());
        int claudeCalls = claude.received("/v1/messages").size();
        ollama.on("/api/chat", Reply.json(500, "{\"error\":\"model runner crashed\"}"));
        JsonNode r = ok(arguments("query", DESIGN, "prefer", "local"));
        assertEquals(claudeCalls, claude.received("/v1/messages").size(), "Claude not called: " + r);
        assertEquals("retrieval", r.path("route").path("target").asText(), r.toString());
        assertTrue(
                r.path("route").path("note").asText().endsWith("Claude not called: the request asked for local"),
                r.toString());
    }

    @Test
    void preferLocalIsAnsweredByTheLocalModel() {
        JsonNode r = ok(arguments("query", DESIGN, "prefer", "local"));
        assertEquals("local", r.path("route").path("target").asText(), r.toString());
        assertEquals("Local answer.", r.path("answer").asText());
        assertEquals(0, claude.received("/v1/messages").size());
    }

    @Test
    void aDocstringTaskWithNoKnowledgeMatchStaysLocal() {
        JsonNode r = ok(arguments("query", UNKNOWN_CODE, "task_type", "docstring"));
        assertEquals("local", r.path("route").path("decided").asText(), r.toString());
        assertEquals(0, claude.received("/v1/messages").size(), "Claude not called");
        assertTrue(
                reasons(r)
                        .contains("task type docstring is in profile default's keep_local list -> local"
                                + " (the answer is still checked)"),
                reasons(r).toString());
        JsonNode control = ok(arguments("query", UNKNOWN_CODE));
        assertEquals("remote", control.path("route").path("decided").asText(), control.toString());
    }

    @Test
    void anArchitectureTaskGoesToClaudeEvenWithAKnowledgeMatch() {
        JsonNode control = ok(arguments("query", PKIX, "profile", "casual"));
        assertEquals("local", control.path("route").path("decided").asText(), control.toString());
        JsonNode r = ok(arguments("query", PKIX, "profile", "casual", "task_type", "architecture"));
        assertEquals("remote", r.path("route").path("decided").asText(), r.toString());
    }

    static void assertToolError(CallToolResult r, String mentions) {
        assertTrue(Boolean.TRUE.equals(r.isError()), () -> "expected a tool error, got " + text(r));
        assertTrue(text(r).contains(mentions), text(r));
        assertFalse(text(r).contains("Exception") || text(r).contains("at dev.knowledgerouter"), text(r));
    }

    @Test
    void aHistoryThatIsNotAnArrayIsAToolErrorWithAnExample() {
        assertToolError(
                call(arguments("query", THIRD, "history", "user: " + PKIX)),
                "'history' must be an array of {\"role\", \"content\"} objects, e.g. [{\"role\": \"user\"");
    }

    @Test
    void aTurnWithAnUnknownRoleIsAToolErrorNamingTheEntry() {
        CallToolResult r =
                call(arguments("query", THIRD, "history", List.of(turn("user", PKIX), turn("robot", FIRST_ANSWER))));
        assertToolError(r, "'history[1].role' must be \"user\", \"assistant\" or \"system\", got \"robot\"");
    }

    @Test
    void aTurnWithoutTextIsAToolErrorNamingTheEntry() {
        CallToolResult r = call(arguments("query", THIRD, "history", List.of(Map.of("role", "user", "text", PKIX))));
        assertToolError(r, "'history[0].content' must be the turn's text as a string");
    }

    @Test
    void aTurnThatIsNotAnObjectIsAToolErrorNamingTheEntry() {
        assertToolError(call(arguments("query", THIRD, "history", List.of(PKIX))), "'history[0]' must be an object");
    }

    @Test
    void anUnknownPreferenceIsAToolErrorListingTheChoices() {
        assertToolError(
                call(arguments("query", THIRD, "prefer", "cheap")),
                "'prefer' must be one of 'auto', 'remote', 'local', got \"cheap\"");
    }

    @Test
    void aBadHistoryCallsNoModelAndStoresNothing() {
        call(arguments("query", THIRD, "history", Map.of("role", "user", "content", PKIX)));
        assertEquals(0, ollama.received("/api/chat").size());
        assertEquals(0, claude.received("/v1/messages").size());
        assertEquals(0, app.store().count("interaction-history"));
    }
}
