package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.InvalidTextException;
import dev.knowledgerouter.knowledge.WellFormedText;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import dev.knowledgerouter.testing.RawHttp;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least 10,000 generated hostile requests (seeded: {@code -Dkr.hostile.seed}, {@code -Dkr.hostile.requests})
 * across every route the running server registered, shaped by the parameters and bodies its own
 * {@code /openapi.json} describes and, for {@code /mcp}, by the tools it lists: bytes that are not UTF-8
 * and unpaired surrogates in bodies, field names, query values, path segments and headers; broken JSON;
 * wrong types; and a few well-formed but unkind texts. No answer is a 5xx, no body holds a stack trace,
 * every refusal is JSON, and nothing stored holds text that is not well-formed. Retrieval only: no model.
 */
class HostileRequestsTest {
    static final int REQUESTS = Integer.getInteger("kr.hostile.requests", 10_000);
    static final long SEED = Long.getLong("kr.hostile.seed", 18L);
    /** Well-formed requests reach the embedder and the store; a few keep the run short on 2 cores. */
    static final double UNKIND_SHARE = 0.03;

    static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)");
    static final List<String> TRACE_MARKS = List.of("Caused by:", "Exception", ".java:", "\tat ");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @TempDir
    static Path projects;

    static App app;
    static Javalin server;
    static JsonNode openApi;
    static String session;
    static JsonNode tools;

    /** A route the server registered, with what its description says it takes. */
    record Route(String method, String template, List<String> query, List<String> pathParameters, JsonNode body) {}

    /** A generated request and what came back. */
    record Exchange(String method, String target, Map<String, String> headers, byte[] body, RawHttp.Response response) {
        String shown() {
            String sent = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
            return method + " " + target + " " + headers.keySet() + " "
                    + (sent.length() > 160 ? sent.substring(0, 160) + "..." : sent) + " -> " + response.status() + " "
                    + (response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
        }
    }

    @BeforeAll
    static void start() throws IOException {
        KrConfig config = TestStack.config(home).toBuilder()
                .code(CodeSettings.defaults().withAllowedRoots(List.of(projects)))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        openApi = JSON.readTree(get("/openapi.json").body());
        McpWire mcp = new McpWire("http://127.0.0.1:" + server.port());
        session = mcp.openSession("hostile");
        tools = rpcResult(mcp.post(session, McpWire.LIST_TOOLS).body()).path("tools");
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static RawHttp.Response get(String path) {
        return RawHttp.send(server.port(), "GET", path, Map.of("Host", "127.0.0.1:" + server.port()), (String) null);
    }

    /** The result of a JSON-RPC answer sent as JSON or as one server-sent event. */
    static JsonNode rpcResult(String body) throws IOException {
        int data = body.indexOf("data:");
        String json = data < 0
                ? body
                : body.substring(data + 5, body.indexOf('\n', data) < 0 ? body.length() : body.indexOf('\n', data));
        return JSON.readTree(json.strip()).path("result");
    }

    /** Every route Javalin registered, with its query parameters and body schema from the served description. */
    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        server.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod()
                        // HEAD answers have no body to read; OPTIONS is the browser's preflight.
                        && !e.method.equals(HandlerType.HEAD)
                        && !e.method.equals(HandlerType.OPTIONS))
                .forEach(e -> {
                    String template = e.path.replaceAll("<([^>]+)>", "{$1}");
                    String method = e.method.name().toUpperCase();
                    JsonNode op = openApi.path("paths").path(template).path(method.toLowerCase());
                    List<String> query = new ArrayList<>();
                    List<String> path = new ArrayList<>();
                    op.path("parameters").forEach(p -> {
                        JsonNode parameter = resolve(p);
                        (parameter.path("in").asText().equals("path") ? path : query)
                                .add(parameter.path("name").asText());
                    });
                    JsonNode body = op.path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    routes.add(new Route(method, template, query, path, body));
                });
        routes.add(new Route("POST", McpHttpEndpoint.PATH, List.of(), List.of(), MissingNode.getInstance()));
        routes.add(new Route("GET", McpHttpEndpoint.PATH, List.of(), List.of(), MissingNode.getInstance()));
        routes.add(new Route("DELETE", McpHttpEndpoint.PATH, List.of(), List.of(), MissingNode.getInstance()));
        return routes;
    }

    static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.isEmpty() ? node : openApi.at(ref.substring(1));
    }

    @Test
    void tenThousandHostileRequestsAcrossEveryRouteGetNoServerErrorAndNoStackTrace() throws Exception {
        List<Route> routes = routes();
        assertTrue(routes.size() > 20, "the router listing works: " + routes);
        Map<String, AtomicInteger> statuses = new TreeMap<>();
        ConcurrentLinkedQueue<Exchange> failures = new ConcurrentLinkedQueue<>();
        Map<String, Boolean> unkindSent = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        long started = System.nanoTime();
        for (int worker = 0; worker < 4; worker++) {
            SplittableRandom random = new SplittableRandom(SEED * 31 + worker);
            int share = REQUESTS / 4 + (worker < REQUESTS % 4 ? 1 : 0);
            runs.add(pool.submit(() -> {
                HostileInput input = new HostileInput(random);
                for (int i = 0; i < share; i++) {
                    Exchange x = send(input, input.pick(routes), text -> unkindSent.put(text, true));
                    synchronized (statuses) {
                        statuses.computeIfAbsent(String.valueOf(x.response().status()), s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    problem(x).ifPresent(p -> failures.add(x));
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        System.out.printf(
                "%d hostile requests (seed %d, %d well-formed texts among them) in %.1f s; statuses %s%n",
                REQUESTS, SEED, unkindSent.size(), (System.nanoTime() - started) / 1e9, statuses);
        assertEquals(
                List.of(),
                failures.stream().limit(20).map(Exchange::shown).toList(),
                failures.size() + " answers were a 5xx, held a stack trace or were not JSON (seed " + SEED + ")");
        assertEquals(
                REQUESTS,
                statuses.values().stream().mapToInt(AtomicInteger::get).sum());
        assertEverythingStoredIsWellFormed();
    }

    /** What is wrong with an answer: a 5xx, a stack trace, or a refusal that is not JSON. */
    static Optional<String> problem(Exchange x) {
        RawHttp.Response r = x.response();
        if (r.status() >= 500) {
            return Optional.of("status " + r.status());
        }
        if (STACK_FRAME.matcher(r.body()).find()) {
            return Optional.of("stack frame");
        }
        if (r.status() >= 400) {
            if (TRACE_MARKS.stream().anyMatch(r.body()::contains)) {
                return Optional.of("trace mark");
            }
            try {
                JSON.readTree(r.body());
            } catch (IOException e) {
                return Optional.of("not JSON");
            }
        }
        return Optional.empty();
    }

    static void assertEverythingStoredIsWellFormed() {
        List<String> bad = new ArrayList<>();
        for (CollectionDefinition c : app.store().collections()) {
            app.store().scan(c.name(), Instant.EPOCH, Instant.now().plusSeconds(60), e -> {
                try {
                    WellFormedText.check(JSON.valueToTree(e.payload()));
                } catch (InvalidTextException x) {
                    bad.add(c.name() + "/" + e.id() + ": " + x.getMessage());
                }
            });
        }
        assertEquals(List.of(), bad);
    }

    /** One generated request to {@code route}, sent. */
    static Exchange send(HostileInput in, Route route, Consumer<String> unkind) {
        boolean isMcp = route.template().equals(McpHttpEndpoint.PATH);
        boolean hasBody = route.method().equals("POST");
        List<String> parts = new ArrayList<>(List.of("header"));
        if (hasBody) {
            parts.add("body");
        }
        if (!route.query().isEmpty() || in.chance(0.3)) {
            parts.add("query");
        }
        if (!route.pathParameters().isEmpty()) {
            parts.add("path");
        }
        boolean unkindOnly = in.chance(UNKIND_SHARE);
        String flawed = unkindOnly ? "" : in.pick(parts);

        String path = route.template();
        for (String p : route.pathParameters()) {
            path = path.replace("{" + p + "}", in.urlPart(flawed.equals("path"), unkind));
        }
        StringBuilder query = new StringBuilder();
        if (parts.contains("query")) {
            List<String> names = new ArrayList<>(route.query());
            names.add("unexpected");
            boolean placed = false;
            for (String name : names) {
                if (!in.chance(0.7) && !(flawed.equals("query") && !placed)) {
                    continue;
                }
                boolean flawHere = flawed.equals("query") && !placed;
                placed |= flawHere;
                query.append(query.isEmpty() ? "?" : "&")
                        .append(flawHere && in.chance(0.2) ? in.urlPart(true, unkind) : name)
                        .append('=')
                        .append(in.urlPart(flawHere, unkind));
            }
        }
        Map<String, String> headers = new HashMap<>(Map.of("Host", "127.0.0.1:" + server.port()));
        if (hasBody) {
            headers.put(
                    "Content-Type",
                    in.chance(0.95)
                            ? "application/json"
                            : in.pick(List.of(
                                    "text/plain",
                                    "application/json; charset=latin1",
                                    "application/x-www-form-urlencoded")));
        }
        if (isMcp) {
            headers.put("Accept", "application/json, text/event-stream");
            // A live session only where it cannot open an endless event stream or end the session.
            boolean live = route.method().equals("POST") && in.chance(0.7);
            headers.put("Mcp-Session-Id", live ? session : in.pick(List.of("no-such-session", "", "x".repeat(300))));
        }
        if (flawed.equals("header")) {
            String name = in.pick(
                    List.of("Accept", "Authorization", "Content-Type", "Origin", "Mcp-Session-Id", "Last-Event-ID"));
            headers.put(name, in.badHeaderValue(name.equals("Authorization") ? "Bearer " : "a"));
        }
        byte[] body = null;
        if (hasBody) {
            HostileInput.Flaw flaw = flawed.equals("body") ? in.flaw(0) : HostileInput.Flaw.UNKIND_TEXT;
            body = isMcp
                    ? mcpMessage(in, flaw, unkind)
                    : in.body(route.body(), flaw, HostileRequestsTest::resolve, unkind);
        }
        String target = path + query;
        RawHttp.Response response = RawHttp.sendBytes(server.port(), route.method(), target, headers, body);
        return new Exchange(route.method(), target, headers, body, response);
    }

    /** A JSON-RPC message to /mcp: mostly a tool call with arguments shaped by the tool's input schema. */
    static byte[] mcpMessage(HostileInput in, HostileInput.Flaw flaw, Consumer<String> unkind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int id = in.nextInt(1_000_000);
        if (in.chance(0.8) && !tools.isEmpty()) {
            JsonNode tool = tools.get(in.nextInt(tools.size()));
            out.writeBytes(
                    ("{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"method\": \"tools/call\", \"params\": {\"name\": "
                                    + HostileInput.quoted(tool.path("name").asText()) + ", \"arguments\": ")
                            .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(in.body(tool.path("inputSchema"), flaw, n -> n, unkind));
            out.writeBytes("}}".getBytes(StandardCharsets.UTF_8));
        } else {
            String method = in.pick(List.of("initialize", "tools/list", "ping", "no/such/method"));
            out.writeBytes(("{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"method\": \"" + method + "\", \"params\": ")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(in.body(INITIALIZE_PARAMS, flaw, n -> n, unkind));
            out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static final JsonNode INITIALIZE_PARAMS = parse(
            "{\"type\": \"object\", \"properties\": {\"protocolVersion\": {\"type\": \"string\", \"enum\": [\"2025-06-18\"]},"
                    + " \"clientInfo\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
                    + " \"version\": {\"type\": \"string\"}}}}}");

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
