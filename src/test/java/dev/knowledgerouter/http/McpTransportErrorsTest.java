package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal at /mcp on the real server is a JSON-RPC error (or the API's JSON error) with a
 * message of ours: no stack trace, exception or class name, whatever the client got wrong.
 */
class McpTransportErrorsTest {
    @TempDir
    static Path home;

    static App app;
    static Javalin server;
    static McpWire mcp;

    @BeforeAll
    static void start() {
        app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        mcp = new McpWire("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static int code(HttpResponse<String> r) {
        return McpWire.refusal(r).path("error").path("code").asInt();
    }

    @Test
    void malformedJsonIsAParseError() {
        HttpResponse<String> r = mcp.post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(-32700, code(r));
    }

    @Test
    void jsonThatIsNoJsonRpcMessageIsAnInvalidRequest() {
        HttpResponse<String> r = mcp.post("{\"hello\": \"world\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(-32600, code(r));
    }

    @Test
    void aBatchIsRefusedWithOneMessagePerRequestAsTheFix() {
        HttpResponse<String> r = mcp.post("[" + McpWire.LIST_TOOLS + "]");
        assertEquals(400, r.statusCode(), r.body());
        String message = McpWire.refusal(r).path("error").path("message").asText();
        assertTrue(message.contains("one JSON-RPC message per request"), message);
    }

    @Test
    void initializeParamsOfTheWrongTypeAreRefusedWithoutTheSdksExceptionText() {
        HttpResponse<String> r = mcp.post(McpWire.initialize("agent", "5"));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(-32600, code(r));
    }

    @Test
    void aMessageWithoutSessionIdIsRefusedNamingTheHeader() {
        HttpResponse<String> r = mcp.post(McpWire.LIST_TOOLS);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = McpWire.refusal(r);
        assertTrue(body.path("error").path("message").asText().contains("Mcp-Session-Id header is missing"), r.body());
        assertEquals(2, body.path("id").asInt(), "the refusal answers the request's id");
    }

    @Test
    void anUnknownSessionIs404WithTheSessionNotFoundCode() {
        HttpResponse<String> r = mcp.post("5f0c-not-a-session", McpWire.LIST_TOOLS);
        assertEquals(404, r.statusCode(), r.body());
        assertEquals(-32001, code(r));
    }

    @Test
    void aPostThatDoesNotAcceptEventStreamsIs406() {
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .setHeader("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(McpWire.initialize("agent", "{}")))
                .build());
        assertEquals(406, r.statusCode(), r.body());
        code(r);
    }

    @Test
    void aPostThatIsNotJsonIs415() {
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .setHeader("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(McpWire.initialize("agent", "{}")))
                .build());
        assertEquals(415, r.statusCode(), r.body());
        code(r);
    }

    @Test
    void aBodyOverTheServersLimitIs413() {
        String huge = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"p\":\"" + "x".repeat(300_000) + "\"}}";
        // With 100-continue the refusal arrives before the body is sent; otherwise the client may still be
        // writing when the server answers and closes, and read a broken connection instead of the 413.
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(huge))
                .build());
        assertEquals(413, r.statusCode(), r.body());
        code(r);
    }

    @Test
    void aGetWithoutSessionIdIs400() {
        HttpResponse<String> r = mcp.send(
                mcp.mcp().setHeader("Accept", "text/event-stream").GET().build());
        assertEquals(400, r.statusCode(), r.body());
        code(r);
    }

    @Test
    void aGetForAnUnknownSessionIs404() {
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .setHeader("Accept", "text/event-stream")
                .header("Mcp-Session-Id", "gone")
                .GET()
                .build());
        assertEquals(404, r.statusCode(), r.body());
        assertEquals(-32001, code(r));
    }

    @Test
    void aGetThatDoesNotAcceptEventStreamsIs406() {
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .setHeader("Accept", "application/json")
                .header("Mcp-Session-Id", "any")
                .GET()
                .build());
        assertEquals(406, r.statusCode(), r.body());
        code(r);
    }

    @Test
    void aDeleteForAnUnknownSessionIs404() {
        HttpResponse<String> r =
                mcp.send(mcp.mcp().header("Mcp-Session-Id", "gone").DELETE().build());
        assertEquals(404, r.statusCode(), r.body());
        code(r);
    }

    @Test
    void anHttpMethodMcpDoesNotTakeIs405NamingTheOnesItTakes() {
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .PUT(HttpRequest.BodyPublishers.ofString(McpWire.LIST_TOOLS))
                .build());
        assertEquals(405, r.statusCode(), r.body());
        assertTrue(McpWire.refusal(r).path("error").path("message").asText().contains("POST"), r.body());
        assertEquals(
                "GET, POST, DELETE, OPTIONS", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aPageOfAForeignOriginIsRefusedWithoutATrace() {
        HttpResponse<String> r = mcp.send(mcp.mcp()
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(McpWire.initialize("page", "{}")))
                .build());
        assertEquals(403, r.statusCode(), r.body());
        McpWire.refusal(r);
    }

    @Test
    void aDeletedSessionIsGoneForItsNextRequest() {
        String session = mcp.openSession("agent");
        HttpResponse<String> deleted =
                mcp.send(mcp.mcp().header("Mcp-Session-Id", session).DELETE().build());
        assertEquals(200, deleted.statusCode(), deleted.body());
        HttpResponse<String> r = mcp.post(session, McpWire.LIST_TOOLS);
        assertEquals(404, r.statusCode(), r.body());
        code(r);
    }
}
