package dev.knowledgerouter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.WireJson;
import io.javalin.config.JettyConfig;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The refusals Jetty writes itself, before any filter or route sees the request (a path that is not
 * UTF-8 or is ambiguous, a request line or header it cannot parse, a URI or headers too long), in the
 * API's shape {@code {"error", "message"}} instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final HttpField JSON_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    /** On the server (errors of the connection) and on the servlet context (errors of the URI). */
    static void install(JettyConfig jetty) {
        JettyErrors errors = new JettyErrors();
        jetty.modifyServer(server -> server.setErrorHandler(errors));
        jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
    }

    @Override
    protected boolean generateAcceptableResponse(
            Request request,
            Response response,
            Callback callback,
            String contentType,
            List<Charset> charsets,
            int code,
            String message,
            Throwable cause) {
        response.getHeaders().put(JSON_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String reason) {
        String said = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        ApiError error = switch (status) {
            case 400 ->
                said.toLowerCase(Locale.ROOT).contains("utf-8")
                        ? new ApiError(
                                "invalid_text",
                                "the request's path is not UTF-8 (" + said + "); percent-encode it as UTF-8")
                        : new ApiError(
                                "bad_request",
                                "the request is not one this server can read (" + said
                                        + "); percent-encode paths and query strings as UTF-8"
                                        + " and send plain HTTP/1.1 headers");
            case 414 -> new ApiError("uri_too_long", "the request's URI is too long; shorten it");
            case 431 -> new ApiError("headers_too_large", "the request's headers are too large; send fewer or shorter");
            default -> new ApiError("http_" + status, said);
        };
        try {
            return JSON.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body must serialise", e);
        }
    }
}
