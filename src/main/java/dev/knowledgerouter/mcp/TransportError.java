package dev.knowledgerouter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A refusal of {@code /mcp} at the transport level: an HTTP status and a JSON-RPC error object
 * ({@code {"jsonrpc":"2.0","id":...,"error":{"code","message"}}}) whose message names the problem and
 * the fix. Written by our code only, so no exception, class name or stack trace reaches a client.
 */
record TransportError(int status, int code, String message) {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INTERNAL_ERROR = -32603;
    /** Not in JSON-RPC's table; the reference MCP SDKs answer an unknown session with it. */
    static final int SESSION_NOT_FOUND = -32001;

    private static final ObjectMapper JSON = new ObjectMapper();

    static TransportError invalid(int status, String message) {
        return new TransportError(status, INVALID_REQUEST, message);
    }

    static TransportError sessionNotFound(String message) {
        return new TransportError(HttpServletResponse.SC_NOT_FOUND, SESSION_NOT_FOUND, message);
    }

    /**
     * What the SDK's own refusals become: they carry its exception serialised with the stack trace, or
     * Jetty's error page, so only the status is kept and the message is ours.
     */
    static TransportError forStatus(int status) {
        return switch (status) {
            case 400 -> invalid(status, "the request is not a valid MCP message; send one JSON-RPC 2.0 object");
            case 403 -> invalid(status, "this request may not use /mcp (a web page of another origin may not)");
            case 404 -> sessionNotFound("unknown session; send initialize without Mcp-Session-Id to start a new one");
            case 405 -> invalid(status, "/mcp takes POST (messages), GET (event stream), DELETE (end a session)");
            case 406 -> invalid(status, "send `Accept: application/json, text/event-stream`");
            case 413 -> invalid(status, "the message is too large");
            case 415 -> invalid(status, "send the message with `Content-Type: application/json`");
            case 421 -> invalid(status, "the Host header does not name this server");
            case 503 -> new TransportError(status, INTERNAL_ERROR, "the server is shutting down; try again later");
            default ->
                status >= 500
                        ? new TransportError(
                                status, INTERNAL_ERROR, "the server failed on this request; its log says why")
                        : invalid(status, "the request was refused with HTTP " + status);
        };
    }

    String body(JsonNode id) {
        ObjectNode root = JSON.createObjectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id == null ? NullNode.getInstance() : id);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root.toString();
    }

    /** Answers with this error unless the response is already on its way (then nothing can be changed). */
    void writeTo(HttpServletResponse response, JsonNode id) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getWriter();
        writer.write(body(id));
        writer.flush();
    }
}
