package dev.knowledgerouter.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.WireJson;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/**
 * Tool results in the API's JSON dialect (snake_case, no nulls): the JSON as text for the model to read,
 * and the same value as structured content for clients that take it.
 */
final class ToolReplies {
    private static final ObjectMapper JSON = WireJson.mapper();

    private ToolReplies() {}

    static CallToolResult json(Object value) {
        try {
            Map<String, Object> structured = JSON.convertValue(value, new TypeReference<>() {});
            return CallToolResult.builder()
                    .addTextContent(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value))
                    .structuredContent(structured)
                    .isError(false)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a tool result as JSON", e);
        }
    }

    /** A tool error: the call reached the tool and failed; {@code message} says why and what to do. */
    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
