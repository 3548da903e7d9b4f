package dev.knowledgerouter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.ReceiverGoneException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent event stream on the raw servlet stream, each event flushed as it is written: Javalin's own
 * stream would gzip and buffer them, and its SSE support serves GET only, while these streams answer a POST.
 * The response is committed by the first event, so a failure found before it is still answered as a JSON
 * error. A write that fails means the client has gone: it is reported as {@link ReceiverGoneException}
 * once, and every later write is skipped.
 */
final class EventStream {
    private final Context ctx;
    private final ObjectMapper json;
    private OutputStream out;
    private boolean gone;

    EventStream(Context ctx, ObjectMapper json) {
        this.ctx = ctx;
        this.json = json;
    }

    /** Whether the first event has been written (the status and headers are then sent). */
    boolean started() {
        return out != null;
    }

    /** A response header; only before the first event, which sends them. */
    void header(String name, String value) {
        if (out == null) {
            ctx.res().setHeader(name, value);
        }
    }

    /** {@code data: <json>} (OpenAI's framing: no event name). */
    void data(Object payload) {
        write("data: " + text(payload) + "\n\n");
    }

    /** {@code event: <name>} with {@code data: <json>}. */
    void event(String name, Object payload) {
        write("event: " + name + "\ndata: " + text(payload) + "\n\n");
    }

    /** A comment line, which clients ignore: it shows that the connection is alive, and whether the client is. */
    void comment(String text) {
        write(": " + text + "\n\n");
    }

    /** A line as it is, e.g. OpenAI's {@code data: [DONE]}. */
    void raw(String frame) {
        write(frame);
    }

    private String text(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    private void write(String frame) {
        if (gone) {
            return;
        }
        try {
            if (out == null) {
                out = open();
            }
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            gone = true;
            throw new ReceiverGoneException("the client closed the connection mid-stream");
        }
    }

    private OutputStream open() throws IOException {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("utf-8");
        res.setHeader("Cache-Control", "no-cache");
        // Reverse proxies (nginx) hold event streams back unless told not to.
        res.setHeader("X-Accel-Buffering", "no");
        return res.getOutputStream();
    }
}
