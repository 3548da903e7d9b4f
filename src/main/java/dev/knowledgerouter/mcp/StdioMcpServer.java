package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
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

    static void run(InputStream in, OutputStream out, Function<StdioServerTransportProvider, McpSyncServer> build) {
        CountDownLatch ended = new CountDownLatch(1);
        // The SDK's transport reads on a thread of its own and says nothing when the input ends; its reads tell us.
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return seen(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return seen(super.read(b, off, len));
            }

            private int seen(int result) {
                if (result < 0) {
                    ended.countDown();
                }
                return result;
            }
        };
        McpSyncServer server = build.apply(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), watched, out));
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.closeGracefully();
        }
    }
}
