package dev.knowledgerouter.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for Anthropic's Messages API that streams every answer the same way:
 * {@code message_start} and {@code content_block_start} at once, then a fixed pause (the model "thinking"),
 * then the text deltas and the closing events, each frame flushed on its own. Because every request costs
 * the server the same, the difference between a direct client and the router is the router's own work.
 */
public final class FirstTokenWireServer implements AutoCloseable {
    public static final String MESSAGES_PATH = "/v1/messages";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PIECES = List.of("Import", " the", " proxy's", " CA", " certificate", ".");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration firstTokenDelay;

    static {
        // Without TCP_NODELAY the frames after the pause wait on the client's delayed ACK of the frames
        // before it (tens of milliseconds on Linux), which would be measured as the backend's latency.
        // The JDK server reads this once, when the first server of the process is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FirstTokenWireServer(Duration firstTokenDelay) {
        this.firstTokenDelay = firstTokenDelay;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the wire server: " + e.getMessage(), e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::answer);
    }

    public static FirstTokenWireServer start(Duration firstTokenDelay) {
        FirstTokenWireServer wire = new FirstTokenWireServer(firstTokenDelay);
        wire.server.start();
        return wire;
    }

    /** The base URL as {@code ANTHROPIC_BASE_URL} takes it: the host, without {@code /v1}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Duration firstTokenDelay() {
        return firstTokenDelay;
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals(MESSAGES_PATH)) {
            byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no route\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            send(
                    out,
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\","
                            + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\",\"content\":[],"
                            + "\"stop_reason\":null,\"stop_sequence\":null,"
                            + "\"usage\":{\"input_tokens\":200,\"output_tokens\":1}}}");
            send(
                    out,
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            pause();
            for (String piece : PIECES) {
                send(
                        out,
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                                + quote(piece) + "}}");
            }
            send(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            send(
                    out,
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                            + "\"usage\":{\"output_tokens\":" + PIECES.size() + "}}");
            send(out, "message_stop", "{\"type\":\"message_stop\"}");
        } catch (IOException e) {
            // The client left mid-stream; the next request is unaffected.
        }
    }

    private void pause() {
        try {
            Thread.sleep(firstTokenDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
