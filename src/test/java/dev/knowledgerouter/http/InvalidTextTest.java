package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import dev.knowledgerouter.testing.RawHttp;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that is not well-formed Unicode, on every way text enters the server over HTTP (JSON bodies,
 * OpenAI-compatible messages, MCP messages, query parameters, headers, paths): a 400 {@code invalid_text}
 * naming the field, in JSON, and nothing stored.
 */
class InvalidTextTest {
    static final byte[] NOT_UTF8 = {(byte) 0xFF, (byte) 0xFE};
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static App app;
    static Javalin server;

    @BeforeAll
    static void start() {
        app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static Map<String, String> headers(String... extra) {
        Map<String, String> h = new HashMap<>(Map.of("Host", "127.0.0.1:" + server.port()));
        for (int i = 0; i < extra.length; i += 2) {
            h.put(extra[i], extra[i + 1]);
        }
        return h;
    }

    static RawHttp.Response post(String path, byte[] body) {
        return RawHttp.sendBytes(
                server.port(),
                "POST",
                path,
                headers("Content-Type", "application/json", "Accept", "application/json, text/event-stream"),
                body);
    }

    static RawHttp.Response get(String target, String... extraHeaders) {
        return RawHttp.sendBytes(server.port(), "GET", target, headers(extraHeaders), null);
    }

    static JsonNode json(RawHttp.Response r) {
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type") + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 400 {@code invalid_text} in the API's shape whose message names {@code field}. */
    static void assertInvalidText(RawHttp.Response r, String field) {
        assertEquals(400, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals("invalid_text", body.path("error").asText(), r.body());
        assertTrue(body.path("message").asText().contains(field), r.body());
    }

    static long stored() {
        return app.store().count(CollectionCatalog.HISTORY);
    }

    @Test
    void aLoneSurrogateInAQueryIsRefusedNamingTheFieldAndNothingIsStored() {
        long before = stored();
        assertInvalidText(post("/v1/query", "{\"query\": \"\\ud800\"}".getBytes(StandardCharsets.UTF_8)), "'query'");
        assertInvalidText(
                post("/v1/query", "{\"query\": \"why does \\udc00 fail\"}".getBytes(StandardCharsets.UTF_8)),
                "'query'");
        assertInvalidText(
                post("/v1/query", "{\"query\": \"fine\", \"user\": \"ann\\ud83d\"}".getBytes(StandardCharsets.UTF_8)),
                "'user'");
        assertEquals(before, stored());
    }

    @Test
    void bodyBytesThatAreNotUtf8AreRefusedNamingTheField() {
        long before = stored();
        assertInvalidText(post("/v1/query", bytes("{\"query\": \"docker ", NOT_UTF8, "\"}")), "'query'");
        assertInvalidText(post("/v1/repos", bytes("{\"path\": \"/tmp/", NOT_UTF8, "\"}")), "'path'");
        assertInvalidText(
                post(
                        "/v1/interactions/some-id/feedback",
                        bytes("{\"verdict\": \"bad\", \"note\": \"", NOT_UTF8, "\"}")),
                "'note'");
        assertEquals(before, stored());
    }

    @Test
    void wellFormedTextBeyondAsciiIsAnsweredAndStoredAsSent() throws Exception {
        String query = "pourquoi docker refuse le port d\u00e9j\u00e0 utilis\u00e9 \uD83D\uDE00";
        RawHttp.Response r = post("/v1/query", JSON.writeValueAsBytes(Map.of("query", query)));
        assertEquals(200, r.status(), r.body());
        String id = json(r).path("interaction_id").asText();
        assertEquals(
                query,
                app.store()
                        .get(CollectionCatalog.HISTORY, id)
                        .orElseThrow()
                        .payload()
                        .get("query"));
    }

    @Test
    void aQueryParameterThatIsNotUtf8IsRefusedNamingIt() {
        assertInvalidText(get("/v1/search?q=%ff%fe"), "'q'");
        assertInvalidText(get("/v1/search?q=ok&collection=%ED%A0%80"), "'collection'");
        assertInvalidText(get("/v1/report?profile=%C0%AF"), "'profile'");
        assertInvalidText(get("/v1/repos/shapes/search?q=%E2%82"), "'q'");
        // Raw bytes in the request line: Jetty decodes them, leaving U+FFFD for those that are not UTF-8.
        assertInvalidText(get("/v1/search?q=\u00ff\u00fe"), "'q'");
    }

    @Test
    void aHeaderTheServerReadsThatIsNotUtf8IsRefusedNamingIt() {
        // RawHttp writes headers byte for byte: "\u00c3\u00a9" is the UTF-8 of é, "\u00ff" is not UTF-8.
        assertEquals(
                200,
                get("/v1/report", "Accept", "application/json; q=\u00c3\u00a9").status());
        assertInvalidText(get("/v1/report", "Accept", "text/\u00ff\u00fe"), "Accept");
        assertInvalidText(get("/v1/usage", "Authorization", "Bearer \u00ff"), "Authorization");
    }

    @Test
    void aPathThatIsNotUtf8IsAJsonRefusal() {
        for (String path : new String[] {"/v1/repos/%ff", "/v1/interactions/%ED%A0%80/feedback", "/v1/models/%C0%AF"}) {
            RawHttp.Response r = get(path);
            assertInvalidText(r, "UTF-8");
        }
        RawHttp.Response rawByte = get("/v1/repos/\u00ff");
        assertEquals(400, rawByte.status(), rawByte.body());
        assertFalse(json(rawByte).path("error").asText().isBlank());
    }

    @Test
    void anOpenAiMessageThatIsNotWellFormedIsRefusedInOpenAisShapeNamingTheMessage() {
        long before = stored();
        String body = "{\"model\": \"auto\", \"messages\": [{\"role\": \"system\", \"content\": \"be brief\"},"
                + " {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"\\ud800\"}]}]}";
        RawHttp.Response r = post(OpenAiApi.COMPLETIONS, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.body());
        JsonNode error = json(r).path("error");
        assertEquals("invalid_text", error.path("code").asText(), r.body());
        assertEquals("messages[1].content[0].text", error.path("param").asText(), r.body());
        assertEquals("invalid_request_error", error.path("type").asText(), r.body());
        RawHttp.Response bytes = post(
                OpenAiApi.COMPLETIONS,
                bytes("{\"model\": \"auto\", \"messages\": [{\"role\": \"user\", \"content\": \"", NOT_UTF8, "\"}]}"));
        assertEquals(
                "messages[0].content", json(bytes).path("error").path("param").asText(), bytes.body());
        assertEquals(before, stored());
    }

    @Test
    void anMcpMessageThatIsNotWellFormedIsAJsonRpcErrorNamingTheArgument() {
        long before = stored();
        byte[] call = bytes(
                "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"tools/call\", \"params\": {\"name\": \"route_query\","
                        + " \"arguments\": {\"query\": \"",
                NOT_UTF8,
                "\"}}}");
        RawHttp.Response r = post(McpHttpEndpoint.PATH, call);
        assertEquals(400, r.status(), r.body());
        JsonNode error = json(r).path("error");
        assertTrue(error.path("code").isInt(), r.body());
        assertTrue(error.path("message").asText().contains("'params.arguments.query'"), r.body());
        assertEquals(before, stored());
    }
}
