package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.mcp.McpRelay;
import dev.knowledgerouter.mcp.StdioMcpServer;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the router's tools to a coding agent over MCP on stdin/stdout:",
            "search_knowledge, route_query, search_code, record_feedback, add_knowledge. Register with Claude Code:",
            "  claude mcp add knowledge-router -e KR_HOME=/path/to/data -- /path/to/kr mcp",
            "While `kr serve` runs on the same KR_HOME, every call goes through it (it owns the store).",
            "Otherwise the store is opened here, seeded on first start, and held until the agent closes stdin.",
            "stdout carries the protocol only; logs and errors go to stderr."
        })
final class McpCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        PrintStream protocol = ctx.out();
        if (protocol == System.out) {
            // Anything else printed to stdout (a library's stray println) would corrupt the JSON-RPC stream.
            System.setOut(ctx.err());
        }
        Optional<ServerAnnouncement> server = ctx.runningServer();
        if (server.isPresent()) {
            relay(ctx, server.get(), protocol);
        } else {
            serveInProcess(ctx, protocol);
        }
        return 0;
    }

    private static void relay(KrContext ctx, ServerAnnouncement server, PrintStream protocol) {
        KrConfig c = ctx.config();
        McpRelay relay;
        try {
            relay = McpRelay.connect(
                    server.url(),
                    c.ollama().timeout().plus(c.claude().timeout()).plusSeconds(30),
                    c.server().apiToken().map(Secret::reveal));
        } catch (McpRelay.RelayException e) {
            throw new CliException(e.getMessage());
        }
        try (relay) {
            ctx.err().println("kr: MCP on stdio, through the server at " + server.url());
            relay.serve(ctx.in(), protocol);
        }
    }

    private static void serveInProcess(KrContext ctx, PrintStream protocol) {
        App app;
        try {
            app = ctx.openExclusive("mcp");
        } catch (StoreLockedException e) {
            throw new CliException("another kr process holds the store in "
                    + ctx.config().home() + " (a second `kr mcp`?); run `kr serve` on this home"
                    + " and every `kr mcp` goes through it, or give each its own KR_HOME");
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                app.close();
            }
        };
        // The agent may end the process with a signal instead of closing stdin; the store still closes cleanly.
        Thread hook = new Thread(close, "kr-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ServeCommand.seedIfIncomplete(ctx, app);
            ctx.err()
                    .println("kr: MCP on stdio (KR_HOME " + app.config().home()
                            + "); the store is held until stdin closes");
            StdioMcpServer.serve(app, ctx.in(), protocol);
        } finally {
            close.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs, and finds the store closed.
            }
        }
    }
}
