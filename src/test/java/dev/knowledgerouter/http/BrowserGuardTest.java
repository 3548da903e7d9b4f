package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.config.HostPort;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.http.GuardedRouter.Route;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import dev.knowledgerouter.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a web page the user visits can make the browser send to {@code kr serve} on loopback, over a
 * real port: cross-site simple requests, forms, DNS rebinding (a foreign Host), another local
 * port's page; none of it reaches a route, and the server's own pages still do.
 */
class BrowserGuardTest {
    static final String EVIL = "http://evil.example";
    static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path home;

    @TempDir
    Path projects;

    GuardedRouter router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
    }

    void serve(UnaryOperator<ServerSettings> server) {
        router = new GuardedRouter(home, projects, server);
    }

    void serve() {
        serve(s -> s);
    }

    /** Nothing a refused request could have done happened: no Claude call, no analysis, no stored interaction. */
    void assertNothingChanged() {
        assertEquals(List.of(), router.claude.received(), "Claude was called");
        assertEquals(0, router.get("/v1/repos").path("repositories").size(), "an analysis started");
        assertEquals(0, router.get("/v1/interactions").path("interactions").size(), "an interaction was stored");
    }

    static void assertRefused(HttpResponse<String> r, int status, String code, String what) {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertEquals(code, GuardedRouter.errorCode(r.uri().getPath(), r.body()), what + ": " + r.body());
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return router.send("POST", path, headers, body);
    }

    HttpResponse<String> attack(Route route, Map<String, String> headers) {
        return post(route.path(), headers, router.attackBody(route));
    }

    /** A request under another Host, as a page that rebound its DNS name to 127.0.0.1 sends it. */
    RawHttp.Response underHost(String host, String method, String path, String body) {
        Map<String, String> headers =
                body == null ? Map.of("Host", host) : Map.of("Host", host, "Content-Type", "application/json");
        return RawHttp.send(router.port(), method, path, headers, body);
    }

    @Test
    void aCrossSiteTextPostToEveryStateChangingRouteIsRefusedAndChangesNothing() {
        serve();
        Map<String, String> page =
                Map.of("Origin", EVIL, "Content-Type", "text/plain;charset=UTF-8", "Sec-Fetch-Site", "cross-site");
        for (Route route : router.postRoutes()) {
            HttpResponse<String> r = attack(route, page);
            assertRefused(r, 403, "origin_not_allowed", route.toString());
            assertTrue(r.body().contains("server.allowed_origins"), r.body());
        }
        assertNothingChanged();
    }

    @Test
    void aCrossSiteFormPostToEveryStateChangingRouteIsRefusedAndChangesNothing() {
        serve();
        for (Route route : router.postRoutes()) {
            Map<String, String> form = Map.of("Origin", EVIL, "Content-Type", FORM);
            HttpResponse<String> r = post(route.path(), form, "query=poem&prefer=remote");
            assertRefused(r, 403, "origin_not_allowed", route.toString());
        }
        assertNothingChanged();
    }

    @Test
    void aTextOrFormBodyIsNeverReadAsACommandEvenWithoutAnOrigin() {
        serve();
        for (Route route : router.postRoutes()) {
            for (String type : List.of("text/plain", FORM)) {
                HttpResponse<String> r = attack(route, Map.of("Content-Type", type));
                assertRefused(r, 415, "unsupported_media_type", route + " as " + type);
                assertTrue(r.body().contains("Content-Type: application/json"), r.body());
                assertTrue(r.body().contains("got '" + type + "'"), r.body());
            }
            assertRefused(attack(route, Map.of()), 415, "unsupported_media_type", route + " untyped");
        }
        assertNothingChanged();
    }

    @Test
    void aJsonBodyInAnotherCharsetIsRefused() {
        serve();
        HttpResponse<String> r =
                attack(new Route("POST", "/v1/query"), Map.of("Content-Type", "application/json; charset=iso-8859-1"));
        assertRefused(r, 415, "unsupported_media_type", "latin-1");
        assertNothingChanged();
    }

    @Test
    void aRequestAnotherSitesPageMadeWithoutAnOriginIsRefused() {
        serve();
        HttpResponse<String> r = router.send("GET", "/v1/interactions", Map.of("Sec-Fetch-Site", "cross-site"), null);
        assertRefused(r, 403, "origin_not_allowed", "a cross-site GET");
        assertEquals(
                200,
                router.send("GET", "/", Map.of("Sec-Fetch-Site", "cross-site"), null)
                        .statusCode(),
                "a link from another site may still open the dashboard, which holds no data");
    }

    /** The dashboard's files may be opened from a link anywhere; a path climbing out of their folder may not. */
    @Test
    void aPathThatOnlyStartsAtTheDashboardIsNotTheDashboard() {
        serve();
        Map<String, String> fromAPage = Map.of("Host", "127.0.0.1:" + router.port(), "Sec-Fetch-Site", "cross-site");
        for (String path : List.of(
                "/dashboard/../v1/interactions",
                "/dashboard/%2e%2e/v1/interactions",
                "/dashboard/..%2fv1/interactions")) {
            RawHttp.Response r = RawHttp.send(router.port(), "GET", path, fromAPage, null);
            assertTrue(List.of(400, 403, 404).contains(r.status()), path + ": " + r.status() + " " + r.body());
            assertFalse(r.body().contains("\"interactions\""), r.body());
        }
    }

    @Test
    void theSameCommandsFromTheServersOwnPageAreAnswered() throws Exception {
        serve();
        Map<String, String> own = Map.of(
                "Origin", router.ownOrigin(), "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> query = attack(new Route("POST", "/v1/query"), own);
        assertEquals(200, query.statusCode(), query.body());
        assertEquals(1, router.claude.received().size());
        String id = GuardedRouter.json(query.body()).path("interaction_id").asText();
        HttpResponse<String> rated = post("/v1/interactions/" + id + "/feedback", own, "{\"verdict\": \"good\"}");
        assertEquals(200, rated.statusCode(), rated.body());
        HttpResponse<String> chat = attack(new Route("POST", OpenAiApi.COMPLETIONS), own);
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals(2, router.claude.received().size());
        assertEquals(2, router.get("/v1/interactions").path("interactions").size());
        HttpResponse<String> analysis = attack(
                new Route("POST", "/v1/repos"),
                Map.of("Origin", router.ownOrigin(), "Content-Type", "Application/JSON; charset=utf-8"));
        assertEquals(202, analysis.statusCode(), analysis.body());
        assertEquals("succeeded", finishedJob("home").path("status").asText());
    }

    @Test
    void aForeignHostIsRefusedOnEveryRouteButMinimalHealthAnswers() {
        serve();
        String evilHost = "evil.example:" + router.port();
        List<String> answered = new ArrayList<>();
        for (Route route : router.routes()) {
            String body = route.method().equals("POST") ? router.attackBody(route) : null;
            RawHttp.Response r = underHost(evilHost, route.method(), route.path(), body);
            if (route.method().equals("GET") && HealthRoute.serves(route.path())) {
                assertEquals(200, r.status(), r.body());
                JsonNode minimal = GuardedRouter.json(r.body());
                assertEquals(1, minimal.size(), "nothing but the status: " + r.body());
                assertTrue(
                        List.of("up", "ready").contains(minimal.path("status").asText()), r.body());
            } else if (r.status() != 403 || !hostRefusal(route, r)) {
                answered.add(route + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals(List.of(), answered, "routes a DNS-rebinding page reached");
        assertNothingChanged();
    }

    @Test
    void aForeignHostsRefusalNamesTheSettingAndKeepsTheOpenAiShapeOnItsPaths() {
        serve();
        RawHttp.Response rest = underHost("evil.example", "GET", "/v1/usage", null);
        assertEquals(403, rest.status());
        JsonNode body = GuardedRouter.json(rest.body());
        assertEquals("host_not_allowed", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("server.allowed_hosts"), rest.body());
        assertTrue(body.path("message").asText().contains("'evil.example'"), rest.body());
        RawHttp.Response models = underHost("evil.example", "GET", OpenAiApi.MODELS, null);
        assertEquals(
                "permission_error",
                GuardedRouter.json(models.body()).path("error").path("type").asText());
    }

    @Test
    void theListenersOwnNamesAndAnAllowedHostAreAnswered() {
        serve(s -> s.withAllowed(List.of(HostPort.parse("kr.example.com")), List.of()));
        int port = router.port();
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "kr.example.com")) {
            RawHttp.Response r = underHost(host, "GET", "/v1/collections", null);
            assertEquals(200, r.status(), host + ": " + r.body());
        }
        assertEquals(
                403,
                underHost("localhost:1", "GET", "/v1/collections", null).status(),
                "the listener's name with another port is another server");
    }

    @Test
    void theMcpEndpointRefusesAnotherOriginAnotherLoopbackPortAndAText() {
        serve();
        String mcp = McpHttpEndpoint.PATH;
        String initialize = router.attackBody(new Route("POST", mcp));
        Map<String, String> json = Map.of("Content-Type", "application/json");
        int otherPort = router.port() == 3000 ? 3001 : 3000;
        assertRefused(post(mcp, with(json, "Origin", EVIL), initialize), 403, "origin_not_allowed", "evil");
        assertRefused(
                post(mcp, with(json, "Origin", "http://127.0.0.1:" + otherPort), initialize),
                403,
                "origin_not_allowed",
                "another local port");
        assertRefused(
                post(mcp, with(json, "Origin", "http://localhost:" + router.port()), initialize),
                403,
                "origin_not_allowed",
                "another name for the same listener is another origin");
        assertRefused(
                post(mcp, Map.of("Content-Type", "text/plain"), initialize), 415, "unsupported_media_type", "text");
        HttpResponse<String> own = post(mcp, with(json, "Origin", router.ownOrigin()), initialize);
        assertEquals(200, own.statusCode(), own.body());
    }

    static boolean hostRefusal(Route route, RawHttp.Response r) {
        return GuardedRouter.errorCode(route.path(), r.body()).equals("host_not_allowed");
    }

    static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new HashMap<>(headers);
        out.put(name, value);
        return out;
    }

    /** Polls the job until it leaves "running"; the analysis of the fixture takes seconds. */
    JsonNode finishedJob(String name) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = router.get("/v1/repos/" + name).path("job");
            if (!job.path("status").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the analysis of " + name + " did not finish in a minute");
    }
}
