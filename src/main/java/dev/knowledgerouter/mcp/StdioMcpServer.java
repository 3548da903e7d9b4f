package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * The MCP server on a pair of streams, one JSON-RPC message a line (the stdio transport of {@code kr mcp}),
 * until the input ends: an agent ends the session by closing the server's stdin.
 */
public final class StdioMcpServer {
    private StdioMcpServer() {}

    /** Serves the router's tools on {@code in}/{@code out}; returns when {@code in} ends. */
    public static void serve(App app, InputStream in, OutputStream out) {
        run(in, out, transport -> McpServers.build(McpServer.sync(transport), app));
    }

    static void run(InputStream in, OutputStream out, Function<McpServerTransportProvider, McpSyncServer> build) {
        StdioTransportProvider transport = new StdioTransportProvider(McpJsonDefaults.getMapper(), in, out);
        McpSyncServer server = build.apply(transport);
        try {
            transport.awaitInputEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.closeGracefully();
        }
    }
}
