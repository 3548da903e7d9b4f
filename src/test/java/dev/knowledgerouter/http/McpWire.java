package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.testing.PrometheusText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * MCP's Streamable HTTP by hand, for tests that need what the SDK's client hides: the raw status and
 * body of each answer, and session ids to reuse at will.
 */
final class McpWire {
    static final String LIST_TOOLS = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a Java stack trace or a serialised exception leaves in a body. */
    private static final List<String> TRACE_MARKS =
            List.of("at dev.", "at io.", "at org.", "at java.", ".java:", "Exception", "stackTrace", "className");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    McpWire(String base) {
        this.base = base;
    }

    static String initialize(String clientName, String capabilities) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"" + clientName
                + "\",\"version\":\"1.0\"}}}";
    }

    HttpRequest.Builder mcp() {
        return HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String body) {
        return send(mcp().POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> post(String sessionId, String body) {
        return send(mcp().header("Mcp-Session-Id", sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Opens a session the way a client does and answers its id. */
    String openSession(String clientName) {
        HttpResponse<String> r = post(initialize(clientName, "{}"));
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    /** A GET event stream of the session; the future completes when the server ends the stream. */
    CompletableFuture<HttpResponse<String>> openStream(String sessionId) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", sessionId)
                .GET()
                .build();
        return http.sendAsync(get, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for a gauge to read {@code value}: for what the server does on its own (an event stream starting). */
    void awaitMetric(String name, double value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (metric(name, Map.of()) != value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not reach " + value + "; it is " + metric(name, Map.of()));
            }
            Thread.sleep(10);
        }
    }

    double metric(String name, Map<String, String> labels) {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build());
        return PrometheusText.parse(r.body()).sum(name, labels);
    }

    /**
     * A refusal's body: a JSON-RPC error object (or, from a guard in front of the transport, the API's
     * {@code {"error", "message"}}), with nothing of a stack trace or an exception in it.
     */
    static JsonNode refusal(HttpResponse<String> r) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        for (String mark : TRACE_MARKS) {
            assertFalse(r.body().contains(mark), "'" + mark + "' in " + r.body());
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
        if (body.has("jsonrpc")) {
            assertEquals("2.0", body.path("jsonrpc").asText(), r.body());
            assertTrue(body.has("id"), r.body());
            assertTrue(body.path("error").path("code").isInt(), r.body());
            assertFalse(body.path("error").path("message").asText().isBlank(), r.body());
        } else {
            assertTrue(body.path("error").isTextual() && body.path("message").isTextual(), r.body());
        }
        return body;
    }
}
