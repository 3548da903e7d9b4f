package dev.knowledgerouter.testing;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The client side of an in-process stdio connection: JSON-RPC messages one a line over two OS pipes,
 * as the SDK's stdio transports speak them, with the server's ends handed to the code under test.
 * (The SDK's own stdio client transport can only start a process.)
 */
public final class PipeMcpTransport implements McpClientTransport {
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final Pipe toServer;
    private final Pipe fromServer;
    private final OutputStream out;
    private final BufferedReader in;
    private final List<String> strayLines = new CopyOnWriteArrayList<>();

    public PipeMcpTransport() {
        try {
            this.toServer = Pipe.open();
            this.fromServer = Pipe.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.out = Channels.newOutputStream(toServer.sink());
        this.in = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(fromServer.source()), StandardCharsets.UTF_8));
    }

    /** What the server reads: the client's requests. */
    public InputStream serverInput() {
        return Channels.newInputStream(toServer.source());
    }

    /** Where the server writes: every byte must be protocol. */
    public OutputStream serverOutput() {
        return Channels.newOutputStream(fromServer.sink());
    }

    /**
     * Lines the server wrote that the SDK cannot read as a JSON-RPC message: stdout must carry the protocol only. (An
     * error without an id, MCP's answer to an unreadable line, is one of them: the SDK's schema requires an id.)
     */
    public List<String> strayLines() {
        return List.copyOf(strayLines);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> Thread.ofPlatform()
                .daemon()
                .name("mcp-test-client-reader")
                .start(() -> {
                    try {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            McpSchema.JSONRPCMessage message;
                            try {
                                message = McpSchema.deserializeJsonRpcMessage(json, line);
                            } catch (RuntimeException | IOException e) {
                                strayLines.add(line);
                                continue;
                            }
                            handler.apply(Mono.just(message)).subscribe();
                        }
                    } catch (IOException e) {
                        // The server closed its output.
                    }
                }));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                sendLine(json.writeValueAsString(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes one line to the server as it is, as a broken or hostile client might. */
    public void sendLine(String line) {
        try {
            synchronized (out) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closing the client's end is how an agent ends a stdio session: the server sees its input end. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }
}
