package dev.knowledgerouter.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code kr mcp} while {@code kr serve} runs on the same home: the server owns the store (Lucene allows
 * one writer), so the stdio server offers the server's own tools and forwards every call to its
 * {@code /mcp} endpoint. The tools, their schemas and their answers are the server's.
 */
public final class McpRelay implements AutoCloseable {
    private final McpSyncClient client;
    private final String serverUrl;

    private McpRelay(McpSyncClient client, String serverUrl) {
        this.client = client;
        this.serverUrl = serverUrl;
    }

    /**
     * Opens an MCP session with the server at {@code serverUrl}.
     *
     * @param requestTimeout how long one call may take: route_query may wait on the local model and then on Claude
     * @throws RelayException when the server does not accept a session
     */
    public static McpRelay connect(String serverUrl, Duration requestTimeout) {
        return connect(serverUrl, requestTimeout, Optional.empty());
    }

    /** @param apiToken the server's KR_API_TOKEN, sent as a bearer token on every request when present */
    public static McpRelay connect(String serverUrl, Duration requestTimeout, Optional<String> apiToken) {
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        apiToken.ifPresent(t -> requests.header("Authorization", "Bearer " + t));
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(serverUrl)
                        .endpoint(McpHttpEndpoint.PATH)
                        .requestBuilder(requests)
                        .build())
                .clientInfo(new McpSchema.Implementation("kr-mcp-relay", McpServers.VERSION))
                .requestTimeout(requestTimeout)
                .build();
        try {
            client.initialize();
            return new McpRelay(client, serverUrl);
        } catch (RuntimeException e) {
            client.close();
            throw new RelayException("the kr server at " + serverUrl + " did not open an MCP session at "
                    + McpHttpEndpoint.PATH + " (" + e.getMessage()
                    + "); is it a kr of this version? Stop it to let `kr mcp` open the store itself");
        }
    }

    /** Serves the server's tools on {@code in}/{@code out} until {@code in} ends. */
    public void serve(InputStream in, OutputStream out) {
        List<SyncToolSpecification> tools = client.listTools().tools().stream()
                .map(tool -> new SyncToolSpecification(tool, (exchange, request) -> forward(request)))
                .toList();
        String instructions =
                client.getServerInstructions() == null ? McpServers.INSTRUCTIONS : client.getServerInstructions();
        StdioMcpServer.run(in, out, transport -> McpServers.build(McpServer.sync(transport), tools, instructions));
    }

    private McpSchema.CallToolResult forward(McpSchema.CallToolRequest request) {
        try {
            return client.callTool(request);
        } catch (RuntimeException e) {
            return ToolReplies.error("the kr server at " + serverUrl + " did not answer " + request.name() + " ("
                    + e.getMessage() + "); is `kr serve` still running? Restart `kr mcp` to open the store itself");
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The announced server cannot be used for MCP. */
    public static final class RelayException extends RuntimeException {
        RelayException(String message) {
            super(message);
        }
    }
}
