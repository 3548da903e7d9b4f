package dev.knowledgerouter.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One MCP session on a pair of streams, one JSON-RPC message a line, in place of the SDK's stdio provider: that one
 * hands outbound messages to a Reactor sink that refuses concurrent emitters, so when tools answered on two
 * threads at once a response was dropped and the session died. Here every message is written by one writer thread,
 * in the order the session sent it; lines are read on a thread of their own and handed to the session as they come,
 * so slow tool calls run side by side.
 */
final class StdioTransportProvider implements McpServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransportProvider.class);
    // How long the end of a session waits for queued answers to reach a client that may have stopped reading.
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final McpJsonMapper json;
    private final InputStream in;
    private final OutputStream out;
    // One thread owns the output: lines never interleave, and a blocked stdout stalls neither reading nor tools.
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("kr-mcp-stdout").factory());
    private final CountDownLatch inputEnded = new CountDownLatch(1);
    private volatile McpServerSession session;
    private boolean outputClosed; // only the writer thread touches it

    StdioTransportProvider(McpJsonMapper json, InputStream in, OutputStream out) {
        this.json = json;
        this.in = in;
        this.out = out;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        session = sessionFactory.create(new SessionTransport());
        Thread.ofPlatform().daemon().name("kr-mcp-stdin").start(this::readUntilInputEnds);
    }

    /** Blocks until the client closes its end of the input, which is how a stdio session ends. */
    void awaitInputEnd() throws InterruptedException {
        inputEnded.await();
    }

    private void readUntilInputEnds() {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            long number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    handle(line, number);
                }
            }
        } catch (IOException e) {
            LOG.warn("MCP stdio: reading the input failed, the session ends: {}", e.getMessage());
        } finally {
            inputEnded.countDown();
        }
    }

    private void handle(String line, long number) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | RuntimeException e) {
            refuse(line, number);
            return;
        }
        // Not waited for: a tool call runs on the SDK's worker threads while the next line is read.
        session.handle(message)
                .subscribe(null, e -> LOG.warn("MCP stdio: a message was not handled: {}", e.getMessage()));
    }

    /**
     * JSON-RPC 2.0 answers a line it cannot use with an error (MCP's schema leaves out the id it could not read), and
     * the session goes on. The line itself is neither logged nor echoed: it may hold anything, a secret included.
     */
    private void refuse(String line, long number) {
        Object parsed;
        try {
            parsed = json.readValue(line, Object.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("MCP stdio: input line {} is not JSON; answered with a parse error", number);
            enqueue(error(
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "Parse error: line " + number + " is not JSON; send one JSON-RPC message per line, in UTF-8"));
            return;
        }
        LOG.warn("MCP stdio: input line {} is not a JSON-RPC message; answered with an invalid-request error", number);
        enqueue(
                error(
                        requestId(parsed),
                        McpSchema.ErrorCodes.INVALID_REQUEST,
                        "Invalid Request: line " + number + " is JSON but not a JSON-RPC 2.0 request, notification or"
                                + " response; a request needs \"jsonrpc\": \"2.0\", a \"method\" and a string or integer \"id\""));
    }

    private static Object requestId(Object parsed) {
        Object id = parsed instanceof Map<?, ?> fields ? fields.get("id") : null;
        return id instanceof String || id instanceof Integer || id instanceof Long ? id : null;
    }

    /** The SDK's response record refuses a missing id, so this error is written as plain fields. */
    private static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        if (id != null) {
            response.put("id", id);
        }
        response.put("error", Map.of("code", code, "message", message));
        return response;
    }

    /** Queues a message for the writer thread; after the session ended it is dropped, nobody reads it any more. */
    private void enqueue(Object message) {
        byte[] line;
        try {
            line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("MCP stdio: a message could not be written as JSON: {}", e.getMessage());
            return;
        }
        try {
            writer.execute(() -> write(line));
        } catch (RejectedExecutionException e) {
            LOG.debug("MCP stdio: the session has ended; a message is dropped");
        }
    }

    private void write(byte[] line) {
        if (outputClosed) {
            return;
        }
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            outputClosed = true;
            LOG.warn("MCP stdio: the client closed its end of the output; nothing more is sent: {}", e.getMessage());
        }
    }

    /** Lets what was already sent reach the output, then stops the writer. */
    private void drainWriter() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("MCP stdio: the client read no answer for {}; the ones not yet written are dropped", DRAIN);
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null
                ? Mono.error(new IllegalStateException("no MCP session yet"))
                : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.fromRunnable(this::drainWriter) : current.closeGracefully();
    }

    /** The session's side: what it sends is queued for the writer thread, which writes it as one line. */
    private final class SessionTransport implements McpServerTransport {
        // Sending completes once the message is queued, so no sender waits on the client reading, and the session's
        // own code never runs on the writer thread.
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> enqueue(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(StdioTransportProvider.this::drainWriter);
        }
    }
}
