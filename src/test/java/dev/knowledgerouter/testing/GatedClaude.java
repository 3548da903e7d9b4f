package dev.knowledgerouter.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow Claude: answers {@code POST /v1/messages} in Anthropic's wire format ({@link
 * WireReplies#CLAUDE_MESSAGE_OK}), but holds every call until the test {@link #open opens} the gate, so
 * any number of calls are in flight at once without a sleep. Counts the calls that arrived and tells
 * {@code onArrival} of each.
 */
public final class GatedClaude implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();

    public GatedClaude(Runnable onArrival) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/v1/messages", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            onArrival.run();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = WireReplies.CLAUDE_MESSAGE_OK.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lets every held call, and every later one, answer. */
    public void open() {
        gate.countDown();
    }

    /** The calls that reached this server. */
    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        handlers.close();
    }
}
