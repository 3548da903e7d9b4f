package dev.knowledgerouter.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP server that answers like a real API (Ollama, Anthropic): each path gets a status,
 * headers and a body, and every request is recorded so tests can check what was sent on the wire.
 */
public final class WireServer implements AutoCloseable {
    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"));
        }
    }

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().getFirst())
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Received, Reply>> replies = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WireServer() {
        this(0);
    }

    /** A server on {@code port} (0: any free one), e.g. a port a test found closed and now opens. */
    public WireServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            Received r =
                    new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body);
            received.add(r);
            Reply reply = replies.getOrDefault(path, x -> Reply.json(404, "{\"error\":\"no route " + path + "\"}"))
                    .apply(r);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public WireServer on(String path, Reply reply) {
        replies.put(path, r -> reply);
        return this;
    }

    /** Replies that depend on the request, e.g. on the model named in its body. */
    public WireServer on(String path, Function<Received, Reply> reply) {
        replies.put(path, reply);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests to {@code path} alone, e.g. the chat calls without the model look-ups around them. */
    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
