package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.McpSettings;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The MCP Streamable HTTP transport at {@code /mcp}: the SDK's servlet, mounted beside Javalin's own
 * servlet in the same Jetty context. An exact servlet path wins over Javalin's {@code /*}, so MCP
 * requests reach the SDK untouched (its SSE streams need the raw async request), and Javalin's
 * handlers, before-handlers included, do not see them. {@link McpTransportGuard} stands in front of the
 * SDK: it bounds sessions (idle timeout and cap, {@code mcp:} in kr.yaml) and initialize messages, and
 * answers every refusal with a JSON-RPC error of ours.
 */
public final class McpHttpEndpoint implements AutoCloseable {
    public static final String PATH = "/mcp";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final Predicate<String> authorized;
    private final McpTransportGuard guard;

    public McpHttpEndpoint(App app, long maxBodyBytes) {
        this(app, maxBodyBytes, header -> true);
    }

    /** @param authorized whether a request's {@code Authorization} header may use the tools (the API token check) */
    public McpHttpEndpoint(App app, long maxBodyBytes, Predicate<String> authorized) {
        this.authorized = authorized;
        McpSettings limits = app.config().mcp();
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(PATH)
                .jsonMapper(McpJsonDefaults.getMapper())
                .maxRequestSize((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                // The SDK sweeps sessions unused for one interval (30 minutes unless set); at the idle timeout it
                // drops only what the guard would close, and frees them while no request comes to trigger the guard.
                .sessionSweepInterval(limits.sessionIdle())
                // Host and Origin are checked once, for every path, by the servlet filter the HTTP API puts in
                // front of Javalin and this servlet; a second, looser list here would refuse origins the user allowed.
                .securityValidator(ServerTransportSecurityValidator.NOOP)
                .build();
        this.server = McpServers.build(McpServer.sync(transport), app);
        McpSessionTable sessions = new McpSessionTable(limits, app.clock());
        this.guard = new McpTransportGuard(
                sessions,
                new SdkSessionCloser(transport, PATH),
                new InitializeLimits(limits.maxInitializeBytes()),
                maxBodyBytes,
                new McpSessionMetrics(app.metrics().registry(), sessions));
    }

    /** Adds the endpoint to Jetty's servlet context (Javalin's {@code cfg.jetty.modifyServletContextHandler}). */
    public void mount(ServletContextHandler context) {
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        // Javalin's before-handlers never see this servlet, so the API token is checked here.
        FilterHolder token = new FilterHolder((Filter) (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (authorized.test(http.getHeader("Authorization"))) {
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse out = (HttpServletResponse) response;
            out.setStatus(401);
            out.setHeader("WWW-Authenticate", "Bearer realm=\"kr\"");
            out.setContentType("application/json");
            out.getWriter()
                    .write(
                            "{\"error\":\"unauthorized\",\"message\":\"this server requires an API token; send `Authorization: Bearer <token>`"
                                    + " with the KR_API_TOKEN the server was started with\"}");
        });
        token.setAsyncSupported(true);
        context.addFilter(token, PATH, EnumSet.of(DispatcherType.REQUEST));
        FilterHolder limits = new FilterHolder(guard);
        limits.setAsyncSupported(true);
        context.addFilter(limits, PATH, EnumSet.of(DispatcherType.REQUEST));
    }

    /** Ends the MCP sessions; requests under way are the App's to wait for. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
