package dev.knowledgerouter.mcp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.InvalidTextException;
import dev.knowledgerouter.knowledge.WellFormedText;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filter in front of the SDK's transport at {@code /mcp}. It checks each request before the SDK
 * reads it (so the SDK's own refusals, which carry stack traces, are rare, and the rest are scrubbed
 * by {@link ScrubbedErrorResponse}), bounds {@code initialize}, and keeps the sessions the SDK opens
 * within the idle timeout and the cap, closing the others in the SDK ({@link SdkSessionCloser}).
 * A request naming a session that is gone gets 404, the answer on which MCP clients start a new one.
 * A message whose text is not well-formed ({@link WellFormedText}: bytes that are not UTF-8, unpaired
 * surrogates) is refused with 400 naming the field, before the SDK decodes it leniently.
 */
final class McpTransportGuard implements Filter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT_BOTH =
            "send `Accept: application/json, text/event-stream`, as MCP's Streamable" + " HTTP requires";

    private final McpSessionTable sessions;
    private final SdkSessionCloser closer;
    private final InitializeLimits initialize;
    private final long maxBodyBytes;
    private final McpSessionMetrics metrics;

    McpTransportGuard(
            McpSessionTable sessions,
            SdkSessionCloser closer,
            InitializeLimits initialize,
            long maxBodyBytes,
            McpSessionMetrics metrics) {
        this.sessions = sessions;
        this.closer = closer;
        this.initialize = initialize;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest in = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        try {
            switch (in.getMethod()) {
                case "POST" -> post(in, out, chain);
                case "GET" -> get(in, out, chain);
                case "DELETE" -> delete(in, out, chain);
                case "OPTIONS" -> chain.doFilter(in, new ScrubbedErrorResponse(out, null));
                default -> {
                    out.setHeader("Allow", "GET, POST, DELETE, OPTIONS");
                    TransportError.forStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED)
                            .writeTo(out, null);
                }
            }
        } finally {
            // Every request sweeps, after its own session was looked up, so that one is told it expired.
            close(sessions.expired());
        }
    }

    private void post(HttpServletRequest in, HttpServletResponse out, FilterChain chain)
            throws IOException, ServletException {
        if (!accepts(in, "application/json") || !accepts(in, "text/event-stream")) {
            TransportError.invalid(HttpServletResponse.SC_NOT_ACCEPTABLE, ACCEPT_BOTH)
                    .writeTo(out, null);
            return;
        }
        if (!isJson(in.getContentType())) {
            TransportError.forStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE)
                    .writeTo(out, null);
            return;
        }
        Optional<byte[]> body = body(in);
        if (body.isEmpty()) {
            // The rest of the body stays unread, so the connection cannot carry another request.
            out.setHeader("Connection", "close");
            TransportError.invalid(
                            HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                            "the message is over " + maxBodyBytes
                                    + " bytes, the limit set by server.max_body_kb in kr.yaml")
                    .writeTo(out, null);
            return;
        }
        JsonNode message;
        try {
            message = WellFormedText.readJson(JSON, body.get());
        } catch (InvalidTextException e) {
            TransportError.invalid(HttpServletResponse.SC_BAD_REQUEST, e.getMessage())
                    .writeTo(out, null);
            return;
        } catch (JacksonException e) {
            new TransportError(
                            HttpServletResponse.SC_BAD_REQUEST,
                            TransportError.PARSE_ERROR,
                            "the body is not valid JSON; send one JSON-RPC 2.0 message object")
                    .writeTo(out, null);
            return;
        }
        Optional<String> problem = shapeProblem(message);
        JsonNode id = message != null && message.path("id").isValueNode() ? message.get("id") : null;
        if (problem.isPresent()) {
            TransportError.invalid(HttpServletResponse.SC_BAD_REQUEST, problem.get())
                    .writeTo(out, id);
            return;
        }
        if (message.path("method").asText().equals("initialize") && message.has("id")) {
            open(new ReplayedBodyRequest(in, body.get()), out, chain, body.get().length, message, id);
            return;
        }
        Optional<String> session = session(in, out, id);
        if (session.isPresent()) {
            HttpServletRequest replayed = new ReplayedBodyRequest(in, body.get());
            chain.doFilter(
                    new StreamTrackingRequest(replayed, sessions, session.get()), new ScrubbedErrorResponse(out, id));
        }
    }

    /** Passes an initialize within bounds to the SDK and books the session it opens; closes those making room. */
    private void open(
            HttpServletRequest in, HttpServletResponse out, FilterChain chain, int bytes, JsonNode message, JsonNode id)
            throws IOException, ServletException {
        Optional<String> problem = initialize.problem(bytes, message);
        if (problem.isPresent()) {
            TransportError.invalid(HttpServletResponse.SC_BAD_REQUEST, problem.get())
                    .writeTo(out, id);
            return;
        }
        List<McpSessionTable.Closed> makingRoom = new ArrayList<>();
        chain.doFilter(
                in,
                new SessionIdListeningResponse(
                        new ScrubbedErrorResponse(out, id), opened -> makingRoom.addAll(sessions.opened(opened))));
        close(makingRoom);
    }

    private void get(HttpServletRequest in, HttpServletResponse out, FilterChain chain)
            throws IOException, ServletException {
        if (!accepts(in, "text/event-stream")) {
            TransportError.invalid(
                            HttpServletResponse.SC_NOT_ACCEPTABLE,
                            "send `Accept: text/event-stream` to open the session's event stream")
                    .writeTo(out, null);
            return;
        }
        Optional<String> session = session(in, out, null);
        if (session.isPresent()) {
            chain.doFilter(
                    new StreamTrackingRequest(in, sessions, session.get()), new ScrubbedErrorResponse(out, null));
        }
    }

    private void delete(HttpServletRequest in, HttpServletResponse out, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> session = session(in, out, null);
        if (session.isPresent()) {
            chain.doFilter(in, new ScrubbedErrorResponse(out, null));
            int status = out.getStatus();
            if (status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_NOT_FOUND) {
                sessions.forget(session.get());
                metrics.closed(McpSessionMetrics.CLIENT);
            }
        }
    }

    /** The live session the request names; answers 400 or 404 itself and returns empty when there is none. */
    private Optional<String> session(HttpServletRequest in, HttpServletResponse out, JsonNode id) throws IOException {
        String sessionId = in.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (sessionId == null || sessionId.isBlank()) {
            TransportError.invalid(
                            HttpServletResponse.SC_BAD_REQUEST,
                            "the Mcp-Session-Id header is missing;"
                                    + " send initialize first, then repeat the Mcp-Session-Id it answers in every request")
                    .writeTo(out, id);
            return Optional.empty();
        }
        switch (sessions.use(sessionId)) {
            case LIVE -> {
                return Optional.of(sessionId);
            }
            case EXPIRED -> {
                close(List.of(new McpSessionTable.Closed(sessionId, McpSessionTable.Reason.IDLE)));
                TransportError.sessionNotFound("the session was closed after "
                                + sessions.idleTimeout().toMinutes()
                                + " minutes unused (mcp.session_idle_minutes); send initialize to start a new one")
                        .writeTo(out, id);
            }
            case UNKNOWN ->
                TransportError.sessionNotFound("no such session: it ended (closed, unused past"
                                + " mcp.session_idle_minutes, or the least recently used of more than mcp.max_sessions = "
                                + sessions.maxSessions()
                                + ") or the server restarted; send initialize to start a new one")
                        .writeTo(out, id);
        }
        return Optional.empty();
    }

    private void close(List<McpSessionTable.Closed> closed) {
        for (McpSessionTable.Closed session : closed) {
            closer.close(session.id());
            metrics.closed(
                    session.reason() == McpSessionTable.Reason.CAP ? McpSessionMetrics.CAP : McpSessionMetrics.IDLE);
        }
    }

    /** What keeps a message from being one JSON-RPC 2.0 request, notification or response. */
    private static Optional<String> shapeProblem(JsonNode message) {
        if (message != null && message.isArray()) {
            return Optional.of("batches are not supported; send one JSON-RPC message per request");
        }
        if (message == null
                || !message.isObject()
                || !message.path("jsonrpc").asText().equals("2.0")) {
            return Optional.of("send one JSON-RPC 2.0 object, such as"
                    + " {\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}");
        }
        boolean call = message.path("method").isTextual();
        boolean answer = message.has("id") && (message.has("result") || message.has("error"));
        if (!call && !answer) {
            return Optional.of("the message has neither a 'method' (a request or notification) nor an 'id' with"
                    + " 'result' or 'error' (a response)");
        }
        return Optional.empty();
    }

    /** The body, read whole; empty when it is over the limit. */
    private Optional<byte[]> body(HttpServletRequest in) throws IOException {
        if (in.getContentLengthLong() > maxBodyBytes) {
            return Optional.empty();
        }
        byte[] bytes = in.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBodyBytes) + 1);
        return bytes.length > maxBodyBytes ? Optional.empty() : Optional.of(bytes);
    }

    /** The same test the SDK makes, so what passes here passes there. */
    private static boolean accepts(HttpServletRequest in, String mediaType) {
        String accept = in.getHeader("Accept");
        return accept != null && accept.contains(mediaType);
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }
}
