package dev.knowledgerouter.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.function.Consumer;

/**
 * The response to an {@code initialize}, which hands the session id the SDK sets to a listener at
 * once: the client may send its next request as soon as the answer is out, before the request that
 * opened the session has left the filters, and that request must find the session known.
 */
final class SessionIdListeningResponse extends HttpServletResponseWrapper {
    private final Consumer<String> listener;

    SessionIdListeningResponse(HttpServletResponse response, Consumer<String> listener) {
        super(response);
        this.listener = listener;
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, value);
        notify(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, value);
        notify(name, value);
    }

    private void notify(String name, String value) {
        if (HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name) && value != null) {
            listener.accept(value);
        }
    }
}
