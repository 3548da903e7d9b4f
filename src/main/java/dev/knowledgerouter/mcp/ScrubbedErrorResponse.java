package dev.knowledgerouter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The response the SDK's transport writes to, with its refusals replaced by our JSON-RPC errors. The
 * SDK answers a refusal either with {@code sendError} (Jetty's error page) or by writing its
 * {@code McpError} exception as JSON, stack trace included; both come here as an error status before
 * the body, so the status is kept and the body is {@link TransportError#forStatus}. Successful answers,
 * event streams included, pass through untouched.
 */
final class ScrubbedErrorResponse extends HttpServletResponseWrapper {
    private final JsonNode requestId;
    private boolean replaced;

    ScrubbedErrorResponse(HttpServletResponse response, JsonNode requestId) {
        super(response);
        this.requestId = requestId;
    }

    @Override
    public void sendError(int status) throws IOException {
        replace(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        replace(status);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (getStatus() >= 400) {
            replace(getStatus());
            return new PrintWriter(Writer.nullWriter());
        }
        return super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (getStatus() >= 400) {
            replace(getStatus());
            return new DiscardingOutputStream();
        }
        return super.getOutputStream();
    }

    private void replace(int status) throws IOException {
        if (!replaced) {
            replaced = true;
            TransportError.forStatus(status).writeTo((HttpServletResponse) getResponse(), requestId);
        }
    }

    private static final class DiscardingOutputStream extends ServletOutputStream {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("a discarded error body is written synchronously");
        }

        @Override
        public void write(int b) {
            // the SDK's error body: replaced, so dropped
        }
    }
}
