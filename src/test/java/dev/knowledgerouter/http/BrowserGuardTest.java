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

    @Test
    void aCrossSiteTextPostToEveryStateChangingRouteIsRefusedAndChangesNothing() {
        serve();
        for (Route route : router.postRoutes()) {
            HttpResponse<String> r = router.send("POST", route.path(), Map.of("Origin", EVIL, "Content-Type", "text/plain;charset=UTF-8",
                    "Sec-Fetch-Site", "cross-site"), router.attackBody(route));
            assertRefused(r, 403, "origin_not_allowed", route.toString());
            assertTrue(GuardedRouter.json(r.body()).toString().contains("server.allowed_origins"), r.body());
        }
        assertNothingChanged();
    }

    @Test
    void aCrossSiteFormPostToEveryStateChangingRouteIsRefusedAndChangesNothing() {
        serve();
        for (Route route : router.postRoutes()) {
            assertRefused(router.send("POST", route.path(), Map.of("Origin", EVIL, "Content-Type", FORM), "query=poem&prefer=remote"),
                    403, "origin_not_allowed", route.toString());
        }
        assertNothingChanged();
    }

    @Test
    void aTextOrFormBodyIsNeverReadAsACommandEvenWithoutAnOrigin() {
        serve();
        for (Route route : router.postRoutes()) {
            for (String type : List.of("text/plain", FORM)) {
                HttpResponse<String> r = router.send("POST", route.path(), Map.of("Content-Type", type), router.attackBody(route));
                assertRefused(r, 415, "unsupported_media_type", route + " as " + type);
                assertTrue(r.body().contains("Content-Type: application/json") && r.body().contains("got '" + type + "'"), r.body());
            }
            assertRefused(router.send("POST", route.path(), Map.of(), router.attackBody(route)), 415, "unsupported_media_type", route + " untyped");
        }
        assertNothingChanged();
    }

    @Test
    void aJsonBodyInAnotherCharsetIsRefused() {
        serve();
        HttpResponse<String> r = router.send("POST", "/v1/query", Map.of("Content-Type", "application/json; charset=iso-8859-1"),
                router.attackBody(new Route("POST", "/v1/query")));
        assertRefused(r, 415, "unsupported_media_type", "latin-1");
        assertNothingChanged();
    }

    @Test
    void aRequestAnotherSitesPageMadeWithoutAnOriginIsRefused() {
        serve();
        HttpResponse<String> r = router.send("GET", "/v1/interactions", Map.of("Sec-Fetch-Site", "cross-site"), null);
        assertRefused(r, 403, "origin_not_allowed", "a cross-site GET");
        assertEquals(200, router.send("GET", "/", Map.of("Sec-Fetch-Site", "cross-site"), null).statusCode(),
                "a link from another site may still open the dashboard, which holds no data");
    }

    /** The dashboard's files may be loaded from a link anywhere; a path that climbs out of their folder may not ride on that. */
    @Test
    void aPathThatOnlyStartsAtTheDashboardIsNotTheDashboard() {
        serve();
        for (String path : List.of("/dashboard/../v1/interactions", "/dashboard/%2e%2e/v1/interactions", "/dashboard/..%2fv1/interactions")) {
            RawHttp.Response r = RawHttp.send(router.port(), "GET", path, Map.of("Host", "127.0.0.1:" + router.port(), "Sec-Fetch-Site", "cross-site"), null);
            assertTrue(r.status() == 403 || r.status() == 404 || r.status() == 400, path + " reached data: " + r.status() + " " + r.body());
            assertFalse(r.body().contains("\"interactions\""), r.body());
        }
    }

    @Test
    void theSameCommandsFromTheServersOwnPageAreAnswered() throws Exception {
        serve();
        Map<String, String> own = Map.of("Origin", router.ownOrigin(), "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> query = router.send("POST", "/v1/query", own, router.attackBody(new Route("POST", "/v1/query")));
        assertEquals(200, query.statusCode(), query.body());
        assertEquals(1, router.claude.received().size());
        String id = GuardedRouter.json(query.body()).path("interaction_id").asText();
        assertEquals(200, router.send("POST", "/v1/interactions/" + id + "/feedback", own, "{\"verdict\": \"good\"}").statusCode());
        HttpResponse<String> chat = router.send("POST", OpenAiApi.COMPLETIONS, own, router.attackBody(new Route("POST", OpenAiApi.COMPLETIONS)));
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals(2, router.claude.received().size());
        assertEquals(2, router.get("/v1/interactions").path("interactions").size());
        HttpResponse<String> analysis = router.send("POST", "/v1/repos", Map.of("Origin", router.ownOrigin(), "Content-Type", "Application/JSON; charset=utf-8"),
                router.attackBody(new Route("POST", "/v1/repos")));
        assertEquals(202, analysis.statusCode(), analysis.body());
        assertEquals("succeeded", finishedJob("home").path("status").asText());
    }

    @Test
    void aForeignHostIsRefusedOnEveryRouteButAMinimalHealth() {
        serve();
        String evilHost = "evil.example:" + router.port();
        List<String> answered = new ArrayList<>();
        for (Route route : router.routes()) {
            boolean post = route.method().equals("POST");
            Map<String, String> headers = post ? Map.of("Host", evilHost, "Content-Type", "application/json") : Map.of("Host", evilHost);
            RawHttp.Response r = RawHttp.send(router.port(), route.method(), route.path(), headers, post ? router.attackBody(route) : null);
            if (route.equals(new Route("GET", HealthRoute.PATH))) {
                assertEquals(200, r.status(), r.body());
                assertEquals(Map.of("status", "up"), GuardedRouter.JSON.convertValue(GuardedRouter.json(r.body()), Map.class), r.body());
            } else if (r.status() != 403 || !GuardedRouter.errorCode(route.path(), r.body()).equals("host_not_allowed")) {
                answered.add(route + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals(List.of(), answered, "routes a DNS-rebinding page reached");
        assertNothingChanged();
    }

    @Test
    void aForeignHostsRefusalNamesTheSettingAndKeepsTheOpenAiShapeOnItsPaths() {
        serve();
        RawHttp.Response rest = RawHttp.send(router.port(), "GET", "/v1/usage", Map.of("Host", "evil.example"), null);
        assertEquals(403, rest.status());
        JsonNode body = GuardedRouter.json(rest.body());
        assertEquals("host_not_allowed", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("server.allowed_hosts") && body.path("message").asText().contains("'evil.example'"), rest.body());
        RawHttp.Response models = RawHttp.send(router.port(), "GET", OpenAiApi.MODELS, Map.of("Host", "evil.example"), null);
        assertEquals("permission_error", GuardedRouter.json(models.body()).path("error").path("type").asText(), models.body());
    }

    @Test
    void theListenersOwnNamesAndAnAllowedHostAreAnswered() {
        serve(s -> s.withAllowed(List.of(HostPort.parse("kr.example.com")), List.of()));
        for (String host : List.of("127.0.0.1:" + router.port(), "localhost:" + router.port(), "[::1]:" + router.port(), "kr.example.com")) {
            RawHttp.Response r = RawHttp.send(router.port(), "GET", "/v1/collections", Map.of("Host", host), null);
            assertEquals(200, r.status(), host + ": " + r.body());
        }
        assertEquals(403, RawHttp.send(router.port(), "GET", "/v1/collections", Map.of("Host", "localhost:1"), null).status(),
                "the listener's name with another port is another server");
    }

    @Test
    void theMcpEndpointRefusesAnotherOriginAnotherLoopbackPortAndAText() {
        serve();
        String initialize = router.attackBody(new Route("POST", McpHttpEndpoint.PATH));
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertRefused(router.send("POST", McpHttpEndpoint.PATH, with(json, "Origin", EVIL), initialize), 403, "origin_not_allowed", "evil");
        int otherPort = router.port() == 3000 ? 3001 : 3000;
        assertRefused(router.send("POST", McpHttpEndpoint.PATH, with(json, "Origin", "http://127.0.0.1:" + otherPort), initialize),
                403, "origin_not_allowed", "another local port");
        assertRefused(router.send("POST", McpHttpEndpoint.PATH, with(json, "Origin", "http://localhost:" + router.port()), initialize),
                403, "origin_not_allowed", "another name for the same listener is another origin");
        assertRefused(router.send("POST", McpHttpEndpoint.PATH, Map.of("Content-Type", "text/plain"), initialize), 415, "unsupported_media_type", "text");
        HttpResponse<String> own = router.send("POST", McpHttpEndpoint.PATH, with(json, "Origin", router.ownOrigin()), initialize);
        assertEquals(200, own.statusCode(), own.body());
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
