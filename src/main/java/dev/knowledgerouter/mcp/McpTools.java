package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.Failure;
import dev.knowledgerouter.app.InFlight;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's tools as the SDK takes them. Every call runs as work in flight (shutdown waits for it,
 * as for an HTTP request) and ends in a result: a failure {@link Failure#of} classifies as the caller's comes
 * back as a tool error with its message, anything else as an internal error with an id that the log on stderr
 * holds with its trace.
 */
final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);

    private McpTools() {}

    static List<KrTool> of(App app) {
        return List.of(
                new SearchKnowledgeTool(app),
                new RouteQueryTool(app),
                new SearchCodeTool(app),
                new ImpactTool(app),
                new RecordFeedbackTool(app),
                new AddKnowledgeTool(app));
    }

    static List<SyncToolSpecification> specifications(App app) {
        return of(app).stream()
                .map(tool -> {
                    McpSchema.Tool definition = tool.definition();
                    Set<String> declared = ((Map<?, ?>) definition.inputSchema().get("properties"))
                            .keySet().stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
                    return new SyncToolSpecification(
                            definition, (exchange, request) -> call(app.inFlight(), tool, declared, request));
                })
                .toList();
    }

    static McpSchema.CallToolResult call(
            InFlight inFlight, KrTool tool, Set<String> declared, McpSchema.CallToolRequest request) {
        try {
            ToolArguments arguments = new ToolArguments(request.arguments()).onlyOf(declared);
            return ToolReplies.json(inFlight.run(() -> tool.call(arguments)));
        } catch (RuntimeException e) {
            return ToolReplies.error(messageFor(Failure.of(e), e, request.name()));
        }
    }

    /** The tool error's text: the failure's message, or for what the caller cannot act on an id the log holds. */
    private static String messageFor(Failure failure, RuntimeException e, String tool) {
        if (failure.kind().hiddenFromRemoteCallers()) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} in tool {}", id, tool, e);
            return "internal error " + id + " in " + tool
                    + "; the kr log (stderr of kr serve or kr mcp) has the details";
        }
        if (failure.kind() == Failure.Kind.UNAVAILABLE) {
            if (failure.replacesMessageOf(e)) {
                // The caller was sent to the log: the trace must be there.
                LOG.error("{} in tool {}", failure.code(), tool, e);
            } else {
                LOG.warn("{} in tool {}: {}", failure.code(), tool, e.getMessage());
            }
        }
        return failure.message();
    }
}
