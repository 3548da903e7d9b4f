package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.testing.PipeMcpTransport;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kr mcp} run in-process, its stdin and stdout on pipes to the SDK's client, its stderr captured. */
class McpCliTest {
    @TempDir
    Path home;

    /** A running {@code kr mcp}: the client connected to its stdio, and its exit status once stdin closes. */
    record Session(
            McpSyncClient client,
            PipeMcpTransport transport,
            CompletableFuture<Integer> exit,
            ByteArrayOutputStream err) {
        String call(String tool, Map<String, Object> arguments) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
            String text = ((McpSchema.TextContent) r.content().getFirst()).text();
            assertFalse(Boolean.TRUE.equals(r.isError()), text);
            return text;
        }

        /** Closes stdin as an agent does, and waits for the command to end. */
        int end() throws Exception {
            client.closeGracefully();
            return exit.get(40, TimeUnit.SECONDS);
        }
    }

    Session krMcp(KrConfig config) {
        PipeMcpTransport transport = new PipeMcpTransport();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                () -> home.resolve("kr.yaml"),
                transport.serverInput(),
                new PrintStream(transport.serverOutput(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        // A thread of its own: on two cores the common pool has one thread, which the SDK's HTTP client needs for its
        // responses.
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.run(ctx, "mcp"),
                task -> Thread.ofPlatform().name("kr-mcp").start(task));
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return new Session(client, transport, exit, err);
    }

    @Test
    void krMcpServesTheToolsOnStdioUntilStdinClosesThenReleasesTheStore() throws Exception {
        KrConfig config = TestStack.seededCopy(home.resolve("data"));
        Session mcp = krMcp(config);
        assertEquals(6, mcp.client().listTools().tools().size());
        assertTrue(mcp.call("search_knowledge", Map.of("query", "git detached HEAD after checkout of a tag", "k", 1))
                .contains("\"hits\""));

        assertEquals(0, mcp.end(), mcp.err().toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), mcp.transport().strayLines(), "stdout carries the protocol only");
        assertTrue(
                mcp.err().toString(StandardCharsets.UTF_8).contains("kr: MCP on stdio"),
                mcp.err().toString(StandardCharsets.UTF_8));
        try (App reopened = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            assertTrue(reopened.store().count("error-solutions") > 0, "the store was closed and its lock released");
        }
    }

    @Test
    void krMcpSeedsAnEmptyStoreOnFirstStartAsKrServeDoes() throws Exception {
        // One entry a collection keeps the seeding quick; the shipped seed data is the same path, longer.
        Path seeds = Files.createDirectories(home.resolve("seeds"));
        Files.writeString(
                seeds.resolve("error-solutions.jsonl"),
                "{\"id\": \"pkix\", \"error\": \"PKIX path building failed\", \"solution\": \"import the proxy CA into cacerts\"}\n");
        Files.writeString(
                seeds.resolve("skills-patterns.jsonl"),
                "{\"id\": \"squash\", \"title\": \"Squash commits\", \"pattern\": \"git rebase -i\"}\n");
        Files.writeString(
                seeds.resolve("best-practices.jsonl"),
                "{\"id\": \"lock\", \"title\": \"Commit the lock file\", \"guidance\": \"yes\"}\n");
        KrConfig base = TestStack.config(home.resolve("fresh"));
        KrConfig config = base.toBuilder().seedDir(seeds).build();
        Session mcp = krMcp(config);
        assertTrue(mcp.call("search_knowledge", Map.of("query", "PKIX path building failed", "k", 1))
                .contains("\"id\" : \"pkix\""));
        assertEquals(0, mcp.end());
        assertTrue(
                mcp.err().toString(StandardCharsets.UTF_8).contains("kr: seeding the knowledge collections"),
                mcp.err().toString(StandardCharsets.UTF_8));
    }

    @Test
    void krMcpGoesThroughARunningServerOnTheSameHomeWhichOwnsTheStore() throws Exception {
        KrConfig config = TestStack.seededCopy(home.resolve("data"));
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                Session mcp = krMcp(config);
                String answer = mcp.call("route_query", Map.of("query", "docker compose port is already allocated"));
                String id = new ObjectMapper()
                        .readTree(answer)
                        .path("interaction_id")
                        .asText();
                assertTrue(app.store().get(CollectionCatalog.HISTORY, id).isPresent(), "stored by the server");
                McpSchema.CallToolResult bad =
                        mcp.client().callTool(new McpSchema.CallToolRequest("search_knowledge", Map.of("k", 3)));
                assertEquals(
                        "'query' is missing; pass it as text, e.g. \"query\": \"PKIX path building failed\"",
                        ((McpSchema.TextContent) bad.content().getFirst()).text(),
                        "the server's own tool error, relayed");
                assertEquals(0, mcp.end());
                assertTrue(mcp.err()
                        .toString(StandardCharsets.UTF_8)
                        .contains("through the server at http://127.0.0.1:" + server.port()));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aSecondKrMcpOnTheSameHomeIsToldToRunKrServe() {
        KrConfig config = TestStack.seededCopy(home.resolve("data"));
        try (App first = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            CliTest.Run r = run(config);
            assertEquals(1, r.exit());
            assertTrue(r.err().startsWith("kr: another kr process holds the store in " + config.home()), r.err());
            assertTrue(r.err().contains("run `kr serve` on this home and every `kr mcp` goes through it"), r.err());
            assertTrue(r.out().isEmpty(), "nothing on the protocol stream");
        }
    }

    @Test
    void anAnnouncedServerWithoutAnMcpEndpointIsAClearError() throws Exception {
        KrConfig config = TestStack.config(home.resolve("data"));
        try (WireServer old = new WireServer()) {
            ServerAnnouncement.self(old.url(), Instant.now()).write(config.serverFile());
            CliTest.Run r = run(config);
            assertEquals(1, r.exit());
            assertTrue(
                    r.err().startsWith("kr: the kr server at " + old.url() + " did not open an MCP session at /mcp"),
                    r.err());
        }
    }

    /** {@code kr mcp} with an empty stdin: for failures before the protocol starts. */
    CliTest.Run run(KrConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                () -> home.resolve("kr.yaml"),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, "mcp");
        return new CliTest.Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
