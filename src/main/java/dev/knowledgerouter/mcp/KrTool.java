package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.InvalidRequestException;
import io.modelcontextprotocol.spec.McpSchema;

/** One tool of the router: its definition as clients list it, and the call on validated arguments. */
interface KrTool {
    McpSchema.Tool definition();

    /**
     * @return the result as a record or map, sent as JSON
     * @throws InvalidRequestException when an argument is missing or unusable
     */
    Object call(ToolArguments arguments);

    static McpSchema.Tool define(
            String name, String description, ToolSchema arguments, McpSchema.ToolAnnotations annotations) {
        return McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(arguments.build())
                .annotations(annotations)
                .build();
    }

    static McpSchema.ToolAnnotations readOnly(String title) {
        return new McpSchema.ToolAnnotations(title, true, false, true, false, null);
    }

    static McpSchema.ToolAnnotations writes(String title, boolean idempotent) {
        return new McpSchema.ToolAnnotations(title, false, false, idempotent, false, null);
    }
}
