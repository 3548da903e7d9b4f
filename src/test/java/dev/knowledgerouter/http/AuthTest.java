package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bearer token over a real port: which servers require it, which route stays open, what a refusal says. */
class AuthTest {
    private static final String TOKEN = "kr-test-token-7f3a9c1e5b";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    private App app;
    private Javalin server;
    private String base;

    record Response(int status, JsonNode body, String challenge, String raw) {}

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Starts the real server on the seeded stack, bound to {@code host} with {@code token} as KR_API_TOKEN. */
    private void serve(String host, Optional<String> token) {
        KrConfig seeded = TestStack.seededCopy(home);
        KrConfig config =
                seeded.withServer(seeded.server().withListener(host, 0).withApiToken(token.map(Secret::of)));
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        // A wildcard bind listens on loopback too, so the test reaches the exposed server there.
        base = "http://127.0.0.1:" + server.port();
    }

    private Response send(String method, String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"how do I squash commits\"}"));
        }
        authorization.ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(
                r.statusCode(),
                new ObjectMapper().readTree(r.body()),
                r.headers().firstValue("WWW-Authenticate").orElse(""),
                r.headers().map() + r.body());
    }

    private Response get(String path, Optional<String> authorization) throws Exception {
        return send("GET", path, authorization);
    }

    private static void assertUnauthorized(Response r, String mentions) {
        assertEquals(401, r.status(), r.raw());
        assertEquals("unauthorized", r.body().path("error").asText(), r.raw());
        assertTrue(r.body().path("message").asText().contains(mentions), r.raw());
        assertTrue(r.challenge().startsWith("Bearer"), "WWW-Authenticate names the scheme: " + r.challenge());
    }

    @Test
    void onLoopbackWithoutATokenEveryRouteIsOpen() throws Exception {
        serve("127.0.0.1", Optional.empty());
        assertEquals(200, get("/v1/collections", Optional.empty()).status());
        assertEquals(200, get("/v1/search?q=git", Optional.empty()).status());
    }

    @Test
    void onAnExposedAddressTheDashboardPageIsOpenButItsDataNeedsTheToken() throws Exception {
        serve("0.0.0.0", Optional.of(TOKEN));
        assertEquals(200, getRaw("/").statusCode(), "a browser opening the page cannot send a header");
        assertEquals(200, getRaw("/dashboard/app.js").statusCode());
        assertUnauthorized(get("/v1/interactions", Optional.empty()), "KR_API_TOKEN");
    }

    @Test
    void onAnExposedAddressTheMcpEndpointNeedsTheTokenToo() throws Exception {
        serve("0.0.0.0", Optional.of(TOKEN));
        String initialize =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(initialize))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("unauthorized"), refused.body());
        HttpResponse<String> allowed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(initialize))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, allowed.statusCode(), allowed.body());
    }

    private HttpResponse<String> getRaw(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onAnExposedAddressHealthIsOpenAndSearchNeedsTheToken() throws Exception {
        serve("0.0.0.0", Optional.of(TOKEN));
        assertEquals(200, get("/health", Optional.empty()).status(), "load balancers probe without the token");

        assertUnauthorized(get("/v1/search?q=git", Optional.empty()), "KR_API_TOKEN");
        assertUnauthorized(get("/v1/search?q=git", Optional.of("Bearer not-the-token")), "not this server's");
        assertUnauthorized(get("/v1/search?q=git", Optional.of("Basic dXNlcjpwYXNz")), "Bearer scheme");

        Response ok = get("/v1/search?q=git", Optional.of("Bearer " + TOKEN));
        assertEquals(200, ok.status(), ok.raw());
        assertTrue(ok.body().path("hits").size() > 0, ok.raw());
        assertEquals(
                200,
                get("/v1/search?q=git", Optional.of("bearer " + TOKEN)).status(),
                "the scheme name is case-insensitive (RFC 7235)");
    }

    @Test
    void aWrongTokenIsRefusedWithoutEchoingEitherToken() throws Exception {
        serve("0.0.0.0", Optional.of(TOKEN));
        String guess = TOKEN.substring(0, TOKEN.length() - 1) + "X";
        Response r = get("/v1/collections", Optional.of("Bearer " + guess));
        assertUnauthorized(r, "KR_API_TOKEN");
        assertTrue(r.challenge().contains("invalid_token"), r.challenge());
        assertFalse(r.raw().contains(TOKEN), "the server's token is not in the response: " + r.raw());
        assertFalse(r.raw().contains(guess), "nor the presented one: " + r.raw());
    }

    @Test
    void onLoopbackATokenThatIsSetIsRequiredAndARefusedQueryIsNeverAnswered() throws Exception {
        serve("127.0.0.1", Optional.of(TOKEN));
        long stored = app.store().count(CollectionCatalog.HISTORY);
        assertUnauthorized(send("POST", "/v1/query", Optional.empty()), "Authorization: Bearer");
        assertEquals(
                stored, app.store().count(CollectionCatalog.HISTORY), "the refused query was not answered nor stored");
        assertEquals(
                200, send("POST", "/v1/query", Optional.of("Bearer " + TOKEN)).status());
        assertEquals(stored + 1, app.store().count(CollectionCatalog.HISTORY));
    }

    @Test
    void unknownPathsAndTheOpenApiDocumentAreBehindTheTokenToo() throws Exception {
        serve("0.0.0.0", Optional.of(TOKEN));
        assertUnauthorized(get("/no-such-route", Optional.empty()), "KR_API_TOKEN");
        assertUnauthorized(get("/openapi.json", Optional.empty()), "KR_API_TOKEN");
        assertEquals(200, get("/openapi.json", Optional.of("Bearer " + TOKEN)).status());
        assertEquals(404, get("/no-such-route", Optional.of("Bearer " + TOKEN)).status());
    }

    @Test
    void anExposedAddressWithoutATokenIsRefusedBeforeAnythingListens() {
        KrConfig config = TestStack.config(home);
        app = App.open(
                config.withServer(config.server().withListener("0.0.0.0", 0)), TestStack.embedder(), Clock.systemUTC());
        ConfigException e = assertThrows(ConfigException.class, () -> new HttpApi(app).create());
        assertTrue(
                e.getMessage().contains("set KR_API_TOKEN") && e.getMessage().contains("bind 127.0.0.1"),
                e.getMessage());
    }
}
