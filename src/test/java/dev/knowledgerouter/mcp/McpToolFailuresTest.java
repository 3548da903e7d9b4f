package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.Test;

/** What a tool call that fails returns: the classified failure's message, or an id when it is not the caller's. */
class McpToolFailuresTest {
    /** A tool that fails the way a service under it would. */
    record FailingTool(Supplier<RuntimeException> failure) implements KrTool {
        @Override
        public McpSchema.Tool definition() {
            return KrTool.define("fails", "Fails.", ToolSchema.object(), KrTool.readOnly("Fails"));
        }

        @Override
        public Object call(ToolArguments arguments) {
            throw failure.get();
        }
    }

    private static CallToolResult call(InFlight inFlight, Supplier<RuntimeException> failure) {
        return McpTools.call(
                inFlight, new FailingTool(failure), Set.of(), new McpSchema.CallToolRequest("fails", Map.of()));
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @Test
    void aFailureTheCallerCanActOnIsAToolErrorWithItsMessage() {
        CallToolResult r = call(new InFlight(), () -> new StoreUnavailableException("Qdrant does not answer", null));

        assertTrue(r.isError());
        assertEquals("Qdrant does not answer", text(r));
    }

    @Test
    void aClosedStoreIsAToolErrorSayingSoRatherThanAnInternalError() {
        CallToolResult r = call(new InFlight(), () -> new AlreadyClosedException("this IndexWriter is closed"));

        assertTrue(r.isError());
        assertTrue(text(r).startsWith("the store is closed"), text(r));
    }

    @Test
    void anInternalFailureIsAToolErrorWithAnIdAndNothingOfItsMessage() {
        CallToolResult r = call(new InFlight(), () -> new IllegalStateException("token sk-ant-secret"));

        assertTrue(r.isError());
        assertTrue(text(r).matches("internal error [0-9a-f]{8} in fails; .*"), text(r));
        assertFalse(text(r).contains("sk-ant-secret"), text(r));
    }

    @Test
    void aMisconfigurationIsNotShownToTheAgent() {
        CallToolResult r = call(new InFlight(), () -> new ConfigException("/etc/kr/kr.yaml is broken"));

        assertTrue(text(r).startsWith("internal error "), text(r));
        assertFalse(text(r).contains("/etc/kr"), text(r));
    }

    @Test
    void aCallAfterShutdownBeganIsRefusedAsShuttingDown() {
        InFlight inFlight = new InFlight();
        inFlight.drain(Duration.ZERO);

        CallToolResult r = call(inFlight, () -> new IllegalStateException("never called"));

        assertTrue(r.isError());
        assertEquals(new InFlight.ShuttingDownException().getMessage(), text(r));
    }

    @Test
    void anUndeclaredArgumentIsRefusedBeforeTheToolRuns() {
        CallToolResult r = McpTools.call(
                new InFlight(),
                new FailingTool(() -> new IllegalStateException("never called")),
                Set.of("query"),
                new McpSchema.CallToolRequest("fails", Map.of("qeury", "x")));

        assertTrue(r.isError());
        assertTrue(text(r).startsWith("unknown argument 'qeury'"), text(r));
    }
}
