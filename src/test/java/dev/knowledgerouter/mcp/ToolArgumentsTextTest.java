package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.knowledge.InvalidTextException;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A tool's arguments must be well-formed text on either transport: stdio hands them over as the SDK parsed them,
 * so an escaped unpaired surrogate arrives as is and is refused here, before any tool runs.
 */
class ToolArgumentsTextTest {
    /** A tool that notes whether it ran. */
    record RecordingTool(AtomicBoolean ran) implements KrTool {
        @Override
        public McpSchema.Tool definition() {
            return KrTool.define(
                    "record",
                    "Records.",
                    ToolSchema.object().text("query", "The question.", true),
                    KrTool.readOnly("Record"));
        }

        @Override
        public Object call(ToolArguments arguments) {
            ran.set(true);
            return Map.of("query", arguments.requiredText("query", "x"));
        }
    }

    @Test
    void anUnpairedSurrogateInAnyArgumentIsRefusedNamingIt() {
        assertEquals(
                "query",
                assertThrows(InvalidTextException.class, () -> new ToolArguments(Map.of("query", "a\uD800")))
                        .field());
        assertEquals(
                "tags[1]",
                assertThrows(
                                InvalidTextException.class,
                                () -> new ToolArguments(Map.of("tags", List.of("maven", "\uDC00"))))
                        .field());
        assertEquals(
                "meta.note",
                assertThrows(
                                InvalidTextException.class,
                                () -> new ToolArguments(Map.of("meta", Map.of("note", "\uD83D"))))
                        .field());
    }

    @Test
    void surrogatePairsAreWellFormed() {
        assertEquals(
                "fix \uD83D\uDE00", new ToolArguments(Map.of("query", "fix \uD83D\uDE00")).requiredText("query", "x"));
    }

    @Test
    void aCallWithSuchAnArgumentIsAToolErrorNamingItAndTheToolDoesNotRun() {
        AtomicBoolean ran = new AtomicBoolean();
        CallToolResult r = McpTools.call(
                new InFlight(),
                new RecordingTool(ran),
                Set.of("query"),
                new McpSchema.CallToolRequest("record", Map.of("query", "\uD800 why")));
        assertTrue(r.isError());
        String text = ((McpSchema.TextContent) r.content().getFirst()).text();
        assertTrue(text.startsWith("'query' is not well-formed text"), text);
        assertFalse(ran.get(), "the tool ran");
    }
}
