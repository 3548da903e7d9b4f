package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.McpSettings;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP sessions at /mcp of the real server expire when idle, make room past the cap, and initialize is bounded. */
class McpSessionLimitsTest {
    static final Map<String, String> ALL = Map.of();

    @TempDir
    Path home;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    App app;
    Javalin server;
    McpWire wire;

    McpWire start(int maxSessions) {
        app = App.open(
                TestStack.config(home).withMcp(new McpSettings(maxSessions, Duration.ofMinutes(30), 16 * 1024)),
                TestStack.embedder(),
                clock);
        server = new HttpApi(app).create().start();
        wire = new McpWire("http://127.0.0.1:" + server.port());
        return wire;
    }

    @AfterEach
    void stop() {
        server.stop();
        app.close();
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutIsClosedAndItsIdAnswers404SoTheClientStartsANewOne() {
        McpWire mcp = start(10);
        String session = mcp.openSession("agent");
        clock.advance(Duration.ofMinutes(30));

        HttpResponse<String> r = mcp.post(session, McpWire.LIST_TOOLS);
        assertEquals(404, r.statusCode(), r.body());
        JsonNode error = McpWire.refusal(r).path("error");
        assertEquals(-32001, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("30 minutes unused"), r.body());
        assertEquals(0, mcp.metric("kr_mcp_sessions", ALL));
        assertEquals(1, mcp.metric("kr_mcp_sessions_closed_total", Map.of("reason", "idle")));
    }

    @Test
    void aSessionInUseStaysOpenPastTheIdleTimeout() {
        McpWire mcp = start(10);
        String session = mcp.openSession("agent");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(20));
            HttpResponse<String> r = mcp.post(session, McpWire.LIST_TOOLS);
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    @Test
    void idleSessionsAreClosedWhenAnyLaterRequestArrives() {
        McpWire mcp = start(10);
        mcp.openSession("first");
        mcp.openSession("second");
        clock.advance(Duration.ofMinutes(45));
        mcp.openSession("third");
        assertEquals(1, mcp.metric("kr_mcp_sessions", ALL));
        assertEquals(2, mcp.metric("kr_mcp_sessions_closed_total", Map.of("reason", "idle")));
    }

    @Test
    void pastTheCapTheLeastRecentlyUsedSessionIsClosedAndTheOthersWorkOn() {
        McpWire mcp = start(2);
        String a = mcp.openSession("a");
        String b = mcp.openSession("b");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, mcp.post(a, McpWire.LIST_TOOLS).statusCode());
        String c = mcp.openSession("c");

        HttpResponse<String> evicted = mcp.post(b, McpWire.LIST_TOOLS);
        assertEquals(404, evicted.statusCode(), evicted.body());
        McpWire.refusal(evicted);
        assertEquals(200, mcp.post(a, McpWire.LIST_TOOLS).statusCode());
        assertEquals(200, mcp.post(c, McpWire.LIST_TOOLS).statusCode());
        assertEquals(2, mcp.metric("kr_mcp_sessions", ALL));
        assertEquals(1, mcp.metric("kr_mcp_sessions_closed_total", Map.of("reason", "cap")));
    }

    @Test
    void anEvictedSessionIsEndedInTheSdkSoItsOpenEventStreamCloses() throws Exception {
        McpWire mcp = start(1);
        String listening = mcp.openSession("listening");
        CompletableFuture<HttpResponse<String>> stream = mcp.openStream(listening);
        mcp.awaitMetric("kr_mcp_event_streams", 1);

        mcp.openSession("newcomer");
        assertEquals(200, stream.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(0, mcp.metric("kr_mcp_event_streams", ALL));
        assertEquals(404, mcp.post(listening, McpWire.LIST_TOOLS).statusCode());
    }

    @Test
    void anSdkClientWhoseSessionWasClosedCarriesOnWithANewOne() {
        McpWire mcp = start(1);
        String base = "http://127.0.0.1:" + server.port();
        HttpClientStreamableHttpTransport transport =
                HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").build();
        try (McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            mcp.openSession("newcomer");
            assertEquals(1, mcp.metric("kr_mcp_sessions_closed_total", Map.of("reason", "cap")));
            // The client learns of the closed session from a 404 (on its event stream or its next call) and
            // initializes again; a call that met the 404 fails, the next one is answered.
            McpSchema.ListToolsResult tools;
            try {
                tools = client.listTools();
            } catch (RuntimeException sessionGone) {
                tools = client.listTools();
            }
            assertEquals(6, tools.tools().size());
        }
    }

    @Test
    void anInitializeOverTheSizeLimitIsRefusedNamingTheLimitAndOpensNoSession() {
        McpWire mcp = start(10);
        HttpResponse<String> r = mcp.post(McpWire.initialize("n".repeat(100_000), "{}"));
        assertEquals(400, r.statusCode(), r.body());
        String message = McpWire.refusal(r).path("error").path("message").asText();
        assertTrue(message.contains("the limit is 16384 bytes (mcp.max_initialize_kb"), message);
        assertEquals(0, mcp.metric("kr_mcp_sessions", ALL));
    }

    @Test
    void aClientNameOverTheLengthLimitIsRefusedNamingTheLimit() {
        McpWire mcp = start(10);
        HttpResponse<String> r = mcp.post(McpWire.initialize("n".repeat(300), "{}"));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = McpWire.refusal(r);
        assertEquals(
                "params.clientInfo.name is 300 characters; the limit is 256",
                body.path("error").path("message").asText());
        assertEquals(1, body.path("id").asInt(), "the refusal answers the request's id");
        assertEquals(0, mcp.metric("kr_mcp_sessions", ALL));
    }

    @Test
    void capabilitiesWithTooManyValuesAreRefusedNamingTheLimit() {
        McpWire mcp = start(10);
        StringBuilder many = new StringBuilder("{\"experimental\":{");
        for (int i = 0; i < 300; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        HttpResponse<String> r =
                mcp.post(McpWire.initialize("agent", many.append("}}").toString()));
        assertEquals(400, r.statusCode(), r.body());
        String message = McpWire.refusal(r).path("error").path("message").asText();
        assertTrue(message.contains("more than 256 JSON values"), message);
        assertEquals(0, mcp.metric("kr_mcp_sessions", ALL));
    }
}
