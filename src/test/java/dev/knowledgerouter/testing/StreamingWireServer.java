package dev.knowledgerouter.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that streams like a model API: each path answers with frames ({@link StreamFrames}),
 * every frame written and flushed on its own. A stream can be held before its closing frames until the test
 * {@link #release}s it, so a test can show that the client received pieces while the model was still
 * writing; and the server records whether the client went away before the stream ended.
 */
public final class StreamingWireServer implements AutoCloseable {
    /** Frames sent at once, then (once released) the rest; {@code contentType} as the real API sends it. */
    public record Stream(String contentType, List<String> before, List<String> after) {}

    /** Waiting for a release is bounded so that a broken router fails the test instead of hanging it. */
    private static final long RELEASE_BOUND_SECONDS = 30;

    private final HttpServer server;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch release = new CountDownLatch(0);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean clientLeft = new AtomicBoolean();
    private final AtomicInteger served = new AtomicInteger();

    public StreamingWireServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Stream stream = streams.get(exchange.getRequestURI().getPath());
            if (stream == null) {
                byte[] body = "{\"error\":\"no route\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            served.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", stream.contentType());
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                write(out, stream.before());
                try {
                    release.await(RELEASE_BOUND_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                write(out, stream.after());
                finished.set(true);
            } catch (IOException e) {
                clientLeft.set(true);
            }
        });
        server.start();
    }

    private static void write(OutputStream out, List<String> frames) throws IOException {
        for (String frame : frames) {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public StreamingWireServer on(String path, Stream stream) {
        streams.put(path, stream);
        return this;
    }

    /** From now on every stream waits before its closing frames until {@link #release}. */
    public StreamingWireServer hold() {
        release = new CountDownLatch(1);
        return this;
    }

    public void release() {
        release.countDown();
    }

    /** Whether a stream has sent its closing frames. */
    public boolean finished() {
        return finished.get();
    }

    /** Whether a write failed because the client had closed the connection. */
    public boolean clientLeft() {
        return clientLeft.get();
    }

    public int served() {
        return served.get();
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
