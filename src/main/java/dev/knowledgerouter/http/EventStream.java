package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events in OpenAI's framing ({@code data: <json>}, a blank line, and {@code data: [DONE]}
 * last), written to the raw servlet stream and flushed one by one: Javalin's own stream would gzip
 * and buffer them, and its SSE support serves GET only, while OpenAI streams answer a POST.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private EventStream() {}

    static void send(Context ctx, ObjectMapper json, List<?> events) {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("utf-8");
        res.setHeader("Cache-Control", "no-cache");
        // Reverse proxies (nginx) hold event streams back unless told not to.
        res.setHeader("X-Accel-Buffering", "no");
        try {
            OutputStream out = res.getOutputStream();
            for (Object event : events) {
                out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(DONE);
            out.flush();
        } catch (IOException e) {
            // The client went away mid-stream; the interaction was stored before the first event.
            LOG.debug("stream to {} ended early: {}", ctx.ip(), e.getMessage());
        }
    }
}
