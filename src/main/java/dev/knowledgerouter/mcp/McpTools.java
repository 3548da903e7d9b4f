package dev.knowledgerouter.mcp;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.learn.UnknownInteractionException;
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
 * as for an HTTP request) and ends in a result: what the caller can fix comes back as a tool error with
 * the message, anything else as an internal error with an id that the log on stderr holds with its trace.
 */
final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);

    private McpTools() {}

    static List<KrTool> of(App app) {
        return List.of(
                new SearchKnowledgeTool(app),
                new RouteQueryTool(app),
                new SearchCodeTool(app),
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
                            definition, (exchange, request) -> call(app, tool, declared, request));
                })
                .toList();
    }

    static McpSchema.CallToolResult call(
            App app, KrTool tool, Set<String> declared, McpSchema.CallToolRequest request) {
        try {
            ToolArguments arguments = new ToolArguments(request.arguments()).onlyOf(declared);
            return ToolReplies.json(app.inFlight().run(() -> tool.call(arguments)));
        } catch (ToolInputException
                | IllegalArgumentException
                | StoreException
                | UnknownInteractionException
                | CodeService.UnknownRepositoryException
                | ConcurrencyGate.BusyException
                | EmbedderUnavailableException
                | InFlight.ShuttingDownException e) {
            return ToolReplies.error(e.getMessage());
        } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} in tool {}", id, request.name(), e);
            return ToolReplies.error("internal error " + id + " in " + request.name()
                    + "; the kr log (stderr of kr serve or kr mcp) has the details");
        }
    }
}
