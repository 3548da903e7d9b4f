package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.knowledgerouter.testing.PipeMcpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The stdio server on a pair of pipes, spoken to line by line: many calls in flight on one session, lines that are
 * not messages, and the end of the input.
 */
class StdioMcpServerTest {
    // The calls of a round leave the tool together, as tools of equal length finish together: the moment at which the
    // SDK's own stdio provider dropped a message. No more of them than the SDK has worker threads for tool calls, or
    // one would queue behind a waiting call and never arrive.
    static final int WAVE = Math.min(16, Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
    static final int ROUNDS = 80;
    // Progress notifications a call sends before its result: more messages leaving at once.
    static final int NOTICES = 4;
    static final int CALLS = WAVE * ROUNDS;

    PipeMcpTransport client;
    Thread server;
    final AtomicReference<CountDownLatch> round = new AtomicReference<>(new CountDownLatch(WAVE));
    final ConcurrentMap<Object, AtomicInteger> responses = new ConcurrentHashMap<>();
    final ConcurrentMap<Object, CompletableFuture<JSONRPCResponse>> replies = new ConcurrentHashMap<>();
    final ConcurrentMap<Object, AtomicInteger> progress = new ConcurrentHashMap<>();

    /** Reports its progress to the caller's token a few times, then answers with the number it was given. */
    SyncToolSpecification echo() {
        McpSchema.Tool tool = KrTool.define(
                "echo",
                "Echoes n.",
                ToolSchema.object().integer("n", "the number", 0, CALLS, 0),
                KrTool.readOnly("Echo"));
        return new SyncToolSpecification(tool, (exchange, request) -> {
            CountDownLatch together = round.get();
            together.countDown();
            try {
                // The bound only ends a broken run: the whole round always arrives.
                together.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 1; i <= NOTICES; i++) {
                exchange.progressNotification(new McpSchema.ProgressNotification(
                        request.meta().get("progressToken"), i, NOTICES + 1.0, "step " + i));
            }
            return ToolReplies.json(Map.of("n", request.arguments().get("n")));
        });
    }

    @BeforeEach
    void start() {
        client = new PipeMcpTransport();
        SyncToolSpecification echo = echo();
        server = Thread.ofPlatform()
                .name("mcp-stdio-server")
                .start(() -> StdioMcpServer.run(
                        client.serverInput(),
                        client.serverOutput(),
                        transport -> McpServers.build(McpServer.sync(transport), List.of(echo), "Echoes.")));
        client.connect(message -> message.doOnNext(this::received).then(Mono.empty()))
                .block();
    }

    @AfterEach
    void stop() throws Exception {
        client.closeGracefully().block();
        server.join(Duration.ofSeconds(10));
    }

    void received(JSONRPCMessage message) {
        switch (message) {
            case JSONRPCResponse r -> {
                responses.computeIfAbsent(r.id(), id -> new AtomicInteger()).incrementAndGet();
                replies.computeIfAbsent(r.id(), id -> new CompletableFuture<>()).complete(r);
            }
            case JSONRPCNotification n
            when n.method().equals(McpSchema.METHOD_NOTIFICATION_PROGRESS) ->
                progress.computeIfAbsent(((Map<?, ?>) n.params()).get("progressToken"), t -> new AtomicInteger())
                        .incrementAndGet();
            default -> {}
        }
    }

    void send(JSONRPCMessage message) {
        client.sendMessage(message).block();
    }

    /** The bound only ends a failing run: an answer that was dropped never comes. */
    JSONRPCResponse reply(Object id) throws Exception {
        return replies.computeIfAbsent(id, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
    }

    void handshake() throws Exception {
        send(new JSONRPCRequest(
                McpSchema.JSONRPC_VERSION,
                McpSchema.METHOD_INITIALIZE,
                "init",
                new McpSchema.InitializeRequest(
                        ProtocolVersions.MCP_2025_06_18,
                        McpSchema.ClientCapabilities.builder().build(),
                        new McpSchema.Implementation("stdio-test", "1"))));
        assertNull(reply("init").error());
        send(new JSONRPCNotification(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_NOTIFICATION_INITIALIZED, null));
    }

    JSONRPCResponse ping(String id) throws Exception {
        send(new JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_PING, id, null));
        return reply(id);
    }

    static Map<?, ?> parsed(String line) throws IOException {
        return McpJsonDefaults.getMapper().readValue(line, Map.class);
    }

    @Test
    void everyOneOfManyConcurrentCallsGetsExactlyOneResponseAndItsNotifications() throws Exception {
        handshake();

        rounds:
        for (int r = 0; r < ROUNDS; r++) {
            round.set(new CountDownLatch(WAVE));
            // A round's requests all go out before any answer is read, as an agent that fans out its calls sends them.
            List<Integer> ids =
                    IntStream.range(r * WAVE, (r + 1) * WAVE).boxed().toList();
            for (int n : ids) {
                send(new JSONRPCRequest(
                        McpSchema.JSONRPC_VERSION,
                        McpSchema.METHOD_TOOLS_CALL,
                        n,
                        new McpSchema.CallToolRequest("echo", Map.of("n", n), Map.of("progressToken", "p" + n))));
            }
            for (int n : ids) {
                try {
                    reply(n);
                } catch (TimeoutException e) {
                    break rounds; // a dropped answer: the assertions below say which
                }
            }
        }

        assertEquals(
                IntStream.range(0, CALLS).boxed().collect(Collectors.toSet()),
                responses.keySet().stream().filter(id -> !id.equals("init")).collect(Collectors.toSet()),
                "every request is answered");
        assertEquals(Map.of(1, CALLS + 1), countsOf(responses), "each exactly once");
        assertEquals(Map.of(NOTICES, CALLS), countsOf(progress), "each call's notifications, each exactly once");
        assertEquals(List.of(), client.strayLines(), "every line written is one whole message");
        assertNull(ping("after").error(), "the session still answers");
    }

    static Map<Integer, Integer> countsOf(Map<Object, AtomicInteger> seen) {
        return seen.values().stream().collect(Collectors.groupingBy(AtomicInteger::get, Collectors.summingInt(c -> 1)));
    }

    @Test
    void aLineThatIsNotJsonIsAnsweredWithAParseErrorWithoutAnIdAndTheSessionGoesOn() throws Exception {
        handshake();

        client.sendLine("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"");

        assertNull(ping("after").error(), "the session still answers");
        // The error was written before the ping's answer: its line is read by now.
        List<String> errors = client.strayLines();
        assertEquals(1, errors.size(), errors.toString());
        Map<?, ?> error = parsed(errors.getFirst());
        assertEquals(Set.of("jsonrpc", "error"), error.keySet(), "no id: none could be read");
        assertEquals(McpSchema.ErrorCodes.PARSE_ERROR, ((Map<?, ?>) error.get("error")).get("code"));
    }

    @Test
    void jsonThatIsNotAJsonRpcMessageIsAnsweredWithAnInvalidRequestErrorCarryingItsId() throws Exception {
        handshake();

        client.sendLine("{\"jsonrpc\": \"2.0\", \"id\": 7, \"params\": {}}");

        JSONRPCResponse refused = reply(7);
        assertEquals(McpSchema.ErrorCodes.INVALID_REQUEST, refused.error().code());
        assertFalse(refused.error().message().isBlank());
        assertNull(ping("after").error(), "the session still answers");
    }

    @Test
    void theServerReturnsWhenItsInputEnds() throws Exception {
        handshake();

        client.closeGracefully().block();

        // The wait only bounds a failure: a server that missed the end would never return.
        server.join(Duration.ofSeconds(30));
        assertFalse(server.isAlive(), "the server still runs after its input ended");
    }
}
