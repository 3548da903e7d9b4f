package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.McpSettings;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 initializations on a real port, each making the session hold 10 KB: the sessions stay at the
 * cap and the heap does not grow with them.
 *
 * <p>The bound comes from measurement on this stack (2 cores, {@code -Xmx2g}): with the cap lifted to
 * 100,000, the same 10,000 initializations kept every session and grew the used heap (after GC) by
 * 113.9 MB, about 11 KB a session; at the default cap of 256 the growth was 3.8 MB. The payload alone of
 * 10,000 kept sessions is 100 MB, so a bound of a quarter of that, 25 MB, fails clearly if the SDK kept
 * sessions the guard evicted, and leaves six times the measured growth for noise.
 */
class McpSessionFloodTest {
    static final int INITIALIZATIONS = 10_000;
    static final int PAYLOAD_CHARS = 10_000;

    @TempDir
    Path home;

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void tenThousandInitializationsLeaveTheSessionsAtTheCapAndTheHeapBounded() {
        App app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        Javalin server = new HttpApi(app).create().start();
        try {
            McpWire mcp = new McpWire("http://127.0.0.1:" + server.port());
            int cap = McpSettings.DEFAULT_MAX_SESSIONS;
            // Client names are capped at 256 characters; the bulk goes where a client may put it, its capabilities.
            String capabilities = "{\"experimental\":{\"payload\":\"" + "p".repeat(PAYLOAD_CHARS) + "\"}}";
            String init = McpWire.initialize("n".repeat(256), capabilities);
            mcp.openSession("warm-up");
            long before = usedHeapAfterGc();

            for (int i = 0; i < INITIALIZATIONS; i++) {
                HttpResponse<String> r = mcp.post(init);
                assertEquals(200, r.statusCode(), r.body());
            }

            long growth = usedHeapAfterGc() - before;
            long bound = (long) INITIALIZATIONS * PAYLOAD_CHARS / 4;
            System.out.printf(
                    "MCP flood: %d initializations, heap growth %.1f MB (bound %.1f MB)%n",
                    INITIALIZATIONS, growth / 1e6, bound / 1e6);
            assertEquals(cap, mcp.metric("kr_mcp_sessions", Map.of()));
            double closedForRoom = mcp.metric("kr_mcp_sessions_closed_total", Map.of("reason", "cap"));
            assertEquals(INITIALIZATIONS + 1 - cap, closedForRoom);
            assertTrue(
                    growth < bound,
                    "the used heap grew by " + growth + " bytes; 10,000 kept sessions need over " + bound * 4);
        } finally {
            server.stop();
            app.close();
        }
    }
}
