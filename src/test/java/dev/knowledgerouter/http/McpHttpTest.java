package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.testing.TestStack;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP Streamable HTTP transport at /mcp of the real server on a real port, with the SDK's client and LangChain4j's. */
class McpHttpTest {
    @TempDir
    static Path home;

    static App app;
    static Javalin server;
    static String base;

    @BeforeAll
    static void start() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static McpSyncClient sdkClient() {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
        return client;
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @Test
    void theSdkClientListsTheToolsWithTheirSchemasAndSearchesTheKnowledgeBase() {
        try (McpSyncClient client = sdkClient()) {
            Map<String, McpSchema.Tool> tools =
                    client.listTools().tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
            assertEquals(
                    Set.of(
                            "search_knowledge",
                            "route_query",
                            "search_code",
                            "impact",
                            "record_feedback",
                            "add_knowledge"),
                    tools.keySet());
            assertEquals(
                    List.of("repository", "query"),
                    tools.get("search_code").inputSchema().get("required"));

            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(
                    "search_knowledge",
                    Map.of("query", "mvn dependency resolution fails with PKIX path building failed", "k", 1)));
            assertFalse(Boolean.TRUE.equals(r.isError()), text(r));
            Map<?, ?> hit = (Map<?, ?>) ((List<?>) ((Map<?, ?>) r.structuredContent()).get("hits")).getFirst();
            assertEquals("maven-pkix-path-building-failed", hit.get("id"));
        }
    }

    @Test
    void invalidInputOverHttpIsAToolErrorNamingTheProblem() {
        try (McpSyncClient client = sdkClient()) {
            McpSchema.CallToolResult r = client.callTool(
                    new McpSchema.CallToolRequest("search_code", Map.of("repository", "nope", "query", "area")));
            assertTrue(Boolean.TRUE.equals(r.isError()));
            assertEquals("no analysed repository named 'nope'; run kr analyze PATH first", text(r));
            McpSchema.CallToolResult k =
                    client.callTool(new McpSchema.CallToolRequest("search_knowledge", Map.of("query", "x", "k", 101)));
            assertEquals("'k' must be between 1 and 100, got 101", text(k));
        }
    }

    @Test
    void routeQueryOverHttpStoresTheInteractionAndRecordFeedbackRatesIt() {
        try (McpSyncClient client = sdkClient()) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(
                    "route_query", Map.of("query", "docker compose port is already allocated")));
            assertFalse(Boolean.TRUE.equals(r.isError()), text(r));
            String id = (String) ((Map<?, ?>) r.structuredContent()).get("interaction_id");
            assertTrue(app.store().get(CollectionCatalog.HISTORY, id).isPresent());
            McpSchema.CallToolResult rated = client.callTool(
                    new McpSchema.CallToolRequest("record_feedback", Map.of("interaction_id", id, "verdict", "good")));
            assertFalse(Boolean.TRUE.equals(rated.isError()), text(rated));
            assertEquals(
                    "good",
                    app.store()
                            .get(CollectionCatalog.HISTORY, id)
                            .orElseThrow()
                            .payload()
                            .get("verdict"));
        }
    }

    @Test
    void langChain4jsMcpClientListsTheToolsAndExecutesOne() throws Exception {
        try (DefaultMcpClient client = new DefaultMcpClient.Builder()
                .transport(StreamableHttpMcpTransport.builder()
                        .url(base + "/mcp")
                        .timeout(Duration.ofSeconds(60))
                        .build())
                .toolExecutionTimeout(Duration.ofSeconds(60))
                .build()) {
            List<ToolSpecification> tools = client.listTools();
            ToolSpecification search = tools.stream()
                    .filter(t -> t.name().equals("search_knowledge"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(search.parameters().properties().containsKey("query"), search.toString());
            assertEquals(List.of("query"), search.parameters().required());

            ToolExecutionResult r = client.executeTool(ToolExecutionRequest.builder()
                    .id("1")
                    .name("add_knowledge")
                    .arguments(
                            "{\"collection\": \"skills-patterns\", \"title\": \"Run one JUnit test class with the Maven wrapper\","
                                    + " \"pattern\": \"./mvnw test -Dtest=MyTest -Dsurefire.failIfNoSpecifiedTests=false\"}")
                    .build());
            assertFalse(r.isError(), r.resultText());
            // LangChain4j hands the structured content to the model, as compact JSON.
            assertEquals(
                    "created",
                    new ObjectMapper().readTree(r.resultText()).path("change").asText(),
                    r.resultText());

            assertThrows(
                    ToolExecutionException.class,
                    () -> client.executeTool(ToolExecutionRequest.builder()
                            .id("2")
                            .name("record_feedback")
                            .arguments("{\"interaction_id\": \"x\"}")
                            .build()),
                    "a tool error reaches LangChain4j as its ToolExecutionException");
        }
    }

    @Test
    void aWebPageFromAnotherOriginCannotDriveTheTools() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/mcp"))
                                .header("Origin", "http://evil.example")
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(McpWire.initialize("page", "{}")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
    }

    @Test
    void theRestOfTheApiIsServedAsBefore() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        HttpResponse<String> other = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/mcpx")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
        assertTrue(other.body().contains("\"error\":\"not_found\""), other.body());
    }
}
