package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.config.WebOrigin;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CORS over a real port: off by default, and on for the origins in server.allowed_origins only, preflight included. */
class CorsTest {
    static final String TOOL = "http://localhost:5173";
    static final Map<String, String> PREFLIGHT = Map.of(
            "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");

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

    void serveAllowingTheTool() {
        serve(s -> s.withAllowed(List.of(), List.of(WebOrigin.parse(TOOL))));
    }

    HttpResponse<String> preflight(String path, String origin) {
        return router.send("OPTIONS", path, BrowserGuardTest.with(PREFLIGHT, "Origin", origin), null);
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    static List<String> listed(HttpResponse<String> r, String name) {
        return List.of(header(r, name).toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithExactlyThatOrigin() {
        serveAllowingTheTool();
        for (String path : List.of("/v1/query", OpenAiApi.COMPLETIONS, McpHttpEndpoint.PATH)) {
            HttpResponse<String> r = preflight(path, TOOL);
            assertEquals(204, r.statusCode(), path + ": " + r.body());
            assertEquals(TOOL, header(r, "Access-Control-Allow-Origin"), path);
            assertTrue(
                    r.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")),
                    path + ": " + r.headers().map());
            assertTrue(listed(r, "Access-Control-Allow-Methods").containsAll(List.of("get", "post")), path);
            assertTrue(
                    listed(r, "Access-Control-Allow-Headers").containsAll(List.of("authorization", "content-type")),
                    path);
            assertTrue(Integer.parseInt(header(r, "Access-Control-Max-Age")) > 0, path);
            assertEquals(List.of(), router.claude.received(), "a preflight runs nothing");
        }
    }

    @Test
    void anAllowedOriginsRequestsAndErrorsCarryTheCorsHeaders() {
        serveAllowingTheTool();
        Map<String, String> json = Map.of("Origin", TOOL, "Content-Type", "application/json");
        HttpResponse<String> ok = router.send(
                "POST", "/v1/query", json, "{\"query\": \"how do I squash commits\", \"prefer\": \"remote\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(TOOL, header(ok, "Access-Control-Allow-Origin"));
        assertTrue(header(ok, "Vary").contains("Origin"), ok.headers().map().toString());
        assertTrue(
                listed(ok, "Access-Control-Expose-Headers").contains("x-kr-route"),
                "the page may read the route headers");
        HttpResponse<String> bad = router.send("POST", "/v1/query", json, "{}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(TOOL, header(bad, "Access-Control-Allow-Origin"), "the page can read why it was refused");
        HttpResponse<String> search = router.send("GET", "/v1/search?q=git", Map.of("Origin", TOOL), null);
        assertEquals(200, search.statusCode());
        assertEquals(TOOL, header(search, "Access-Control-Allow-Origin"));
    }

    @Test
    void anotherOriginGetsNoPreflightAndNoCorsHeaders() {
        serveAllowingTheTool();
        for (String origin : List.of("http://evil.example", "http://localhost:5174", "null")) {
            HttpResponse<String> r = preflight("/v1/query", origin);
            assertEquals(403, r.statusCode(), origin);
            assertEquals("origin_not_allowed", GuardedRouter.errorCode("/v1/query", r.body()));
            assertFalse(
                    r.headers().firstValue("Access-Control-Allow-Origin").isPresent(),
                    origin + ": " + r.headers().map());
            assertFalse(r.headers().firstValue("Access-Control-Allow-Methods").isPresent(), origin);
        }
    }

    @Test
    void withoutAllowedOriginsCorsIsOffForEveryOrigin() {
        serve(s -> s);
        HttpResponse<String> r = preflight("/v1/query", TOOL);
        assertEquals(403, r.statusCode(), r.body());
        boolean anyCors = r.headers().map().keySet().stream()
                .anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        assertFalse(anyCors, r.headers().map().toString());
        HttpResponse<String> same = router.send("GET", "/v1/collections", Map.of("Origin", router.ownOrigin()), null);
        assertEquals(200, same.statusCode());
        assertFalse(
                same.headers().firstValue("Access-Control-Allow-Origin").isPresent(),
                "the server's own page needs no CORS");
    }
}
