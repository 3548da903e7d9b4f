package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** Builds the router's MCP server on a transport: the tools, the server's name and its instructions to agents. */
final class McpServers {
    static final String NAME = "knowledge-router";
    static final String VERSION = "0.1.0";
    static final String INSTRUCTIONS =
            "Knowledge Router: the team's knowledge base of known errors and fixes, how-to patterns and best "
                    + "practices, and a router that answers questions with a local model or Claude. Before debugging an error that looks "
                    + "familiar, call search_knowledge. For a question you cannot answer from the code at hand, call route_query, and once you "
                    + "know whether its answer worked, record_feedback. After you verified a fix to a new problem, store it with add_knowledge. "
                    + "search_code searches repositories analysed with `kr analyze`.";

    private McpServers() {}

    static McpSyncServer build(
            McpServer.SyncSpecification<?> spec, List<SyncToolSpecification> tools, String instructions) {
        return spec.serverInfo(NAME, VERSION)
                .instructions(instructions)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                // The tools check their own arguments (ToolArguments) with messages that name the argument and the fix;
                // the SDK's schema check would answer first, with a validator's dump.
                .validateToolInputs(false)
                .jsonMapper(McpJsonDefaults.getMapper())
                .tools(tools)
                .build();
    }

    static McpSyncServer build(McpServer.SyncSpecification<?> spec, App app) {
        return build(spec, McpTools.specifications(app), INSTRUCTIONS);
    }
}
