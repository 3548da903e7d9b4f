package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The router on a real port over a copy of the seeded store, with what a web page would want to
 * reach through it: Claude (a wire server answering {@code /v1/messages} as Anthropic does, so every
 * paid call is counted) and code analysis allowed under {@code projects}, which holds a small repository.
 */
final class GuardedRouter implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    /** A route the server registered, with its path parameters filled in. */
    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    final App app;
    final Javalin server;
    final Path repository;

    GuardedRouter(Path home, Path projects, UnaryOperator<ServerSettings> server) {
        repository = projects.resolve("shapes");
        try {
            TestStack.copyTree(Path.of("src/test/resources/code/fixtures/java"), repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KrConfig seeded = TestStack.seededCopy(home);
        KrConfig config = seeded.toBuilder()
                .server(server.apply(seeded.server()))
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-guard-test-0001")),
                        ClaudeSettings.DEFAULT_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(5)))
                .code(CodeSettings.defaults().withAllowedRoots(List.of(projects)))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        this.server = new HttpApi(app).create().start();
    }

    int port() {
        return server.port();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    /** What a page served by this server sends as its Origin. */
    String ownOrigin() {
        return base();
    }

    /** Every route Javalin registered, read from the running server (so routes added later are covered), and /mcp. */
    Set<Route> routes() {
        Set<Route> routes = server.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .filter(e -> !e.method.equals(HandlerType.HEAD) && !e.method.equals(HandlerType.OPTIONS))
                .map(e -> new Route(e.method.name().toUpperCase(), e.path.replaceAll("[{<]([^}>]+)[}>]", "x-$1")))
                .collect(Collectors.toCollection(TreeSet::new));
        routes.add(new Route("POST", McpHttpEndpoint.PATH));
        routes.add(new Route("GET", McpHttpEndpoint.PATH));
        return routes;
    }

    /** The routes that take a body and act on it: every POST. */
    Set<Route> postRoutes() {
        return routes().stream().filter(r -> r.method().equals("POST")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A body each POST route would act on if it read it: what an attacking page would send. */
    String attackBody(Route route) {
        return switch (route.path()) {
            case "/v1/query" -> "{\"query\": \"write me a poem about the sea\", \"prefer\": \"remote\"}";
            case "/v1/repos" -> "{\"path\": \"" + repository + "\", \"name\": \"home\"}";
            case OpenAiApi.COMPLETIONS ->
                "{\"model\": \"remote\"," + " \"messages\": [{\"role\": \"user\", \"content\": \"write me a poem\"}]}";
            case McpHttpEndpoint.PATH ->
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"page\",\"version\":\"1\"}}}";
            default -> route.path().endsWith("/feedback") ? "{\"verdict\": \"bad\"}" : "{}";
        };
    }

    /** Sends a request with these headers; a body is sent as is, with no Content-Type unless the headers give one. */
    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (path.equals(McpHttpEndpoint.PATH)) {
            request.header("Accept", "application/json, text/event-stream");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    JsonNode get(String path) {
        HttpResponse<String> r = send("GET", path, Map.of(), null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json(r.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The error code of a refusal, in the router's shape or, on the OpenAI-compatible paths, OpenAI's. */
    static String errorCode(String path, String body) {
        JsonNode error = json(body).path("error");
        return OpenAiErrors.appliesTo(path) ? error.path("code").asText() : error.asText();
    }

    @Override
    public void close() {
        server.stop();
        app.close();
        claude.close();
    }
}
