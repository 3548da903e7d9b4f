package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr mcp} as an agent starts it: a JVM of its own, spoken to by the SDK's stdio client, which
 * stops at the first stdout line that is not a JSON-RPC message. So the model, Lucene and every library
 * must keep stdout clean from start-up on.
 */
class McpProcessTest {
    @TempDir
    Path home;

    @Test
    void theKrMcpProcessAnswersToolCallsAndWritesNothingButProtocolToStdout() {
        TestStack.seededCopy(home.resolve("data"));
        ServerParameters params = ServerParameters.builder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args(
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "mcp")
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper()) {
            @Override
            protected ProcessBuilder getProcessBuilder() {
                // No kr.yaml, no keys and no hosts from the developer's environment: the embedded stack, offline.
                ProcessBuilder pb = new ProcessBuilder().directory(home.toFile());
                pb.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
                pb.environment()
                        .putAll(Map.of(
                                "KR_HOME",
                                home.resolve("data").toString(),
                                "KR_APP_DIR",
                                TestStack.projectDir().toString(),
                                "OLLAMA_HOST",
                                "http://127.0.0.1:" + TestStack.closedPort()));
                return pb;
            }
        };
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport)
                .initializationTimeout(Duration.ofSeconds(60))
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        try {
            client.initialize();
            assertEquals(6, client.listTools().tools().size());
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(
                    "search_knowledge",
                    Map.of("query", "mvn dependency resolution fails with PKIX path building failed", "k", 1)));
            String text = ((McpSchema.TextContent) r.content().getFirst()).text();
            assertFalse(Boolean.TRUE.equals(r.isError()), text);
            assertTrue(text.contains("maven-pkix-path-building-failed"), text);
            McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("route_query", Map.of()));
            assertTrue(Boolean.TRUE.equals(bad.isError()));
        } finally {
            client.closeGracefully();
        }
        assertTrue(stderr.stream().anyMatch(l -> l.startsWith("kr: MCP on stdio")), "logs go to stderr: " + stderr);
    }
}
