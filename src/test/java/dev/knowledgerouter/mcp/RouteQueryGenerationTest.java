package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.PipeMcpTransport;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code route_query}'s max_tokens and temperature, from the tool call to the local model's wire. */
class RouteQueryGenerationTest {
    @TempDir
    static Path home;

    static WireServer ollama;
    static App app;
    static PipeMcpTransport transport;
    static Thread server;
    static McpSyncClient client;

    @BeforeAll
    static void start() {
        ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
        app = App.open(
                TestStack.seededCopy(home)
                        .withOllama(
                                new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10))),
                TestStack.embedder(),
                Clock.systemUTC());
        transport = new PipeMcpTransport();
        server = Thread.ofPlatform()
                .name("mcp-stdio-server")
                .start(() -> StdioMcpServer.serve(app, transport.serverInput(), transport.serverOutput()));
        client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        client.closeGracefully();
        server.join(Duration.ofSeconds(10));
        app.close();
        ollama.close();
    }

    static McpSchema.CallToolResult call(Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(RouteQueryTool.NAME, arguments));
    }

    @Test
    void maxTokensAndTemperatureReachTheLocalModel() throws Exception {
        McpSchema.CallToolResult r = call(Map.of(
                "query",
                "mvn dependency resolution fails with PKIX path building failed",
                "profile",
                "casual",
                "max_tokens",
                321,
                "temperature",
                0.9));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        JsonNode sent = new ObjectMapper()
                .readTree(ollama.received("/api/chat").getLast().body());
        assertEquals(321, sent.path("options").path("num_predict").asInt());
        assertEquals(0.9, sent.path("options").path("temperature").asDouble());
    }

    @Test
    void aTemperatureOutOfRangeIsAToolErrorNamingTheRange() {
        McpSchema.CallToolResult r = call(Map.of("query", "q", "temperature", 5));
        assertTrue(Boolean.TRUE.equals(r.isError()));
        String text = ((McpSchema.TextContent) r.content().getFirst()).text();
        assertTrue(text.contains("'temperature' must be a number between 0 and 2, got number 5"), text);
    }

    @Test
    void theToolSchemaOffersBothWithTheirRanges() {
        McpSchema.Tool tool = client.listTools().tools().stream()
                .filter(t -> t.name().equals(RouteQueryTool.NAME))
                .findFirst()
                .orElseThrow();
        Map<?, ?> properties = (Map<?, ?>) tool.inputSchema().get("properties");
        Map<?, ?> maxTokens = (Map<?, ?>) properties.get("max_tokens");
        assertEquals("integer", maxTokens.get("type"));
        assertEquals(128_000, maxTokens.get("maximum"));
        Map<?, ?> temperature = (Map<?, ?>) properties.get("temperature");
        assertEquals("number", temperature.get("type"));
        assertEquals(2.0, ((Number) temperature.get("maximum")).doubleValue());
    }
}
