package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GET /health tells whom: the full report to callers the server trusts, up or down to anyone else. */
class HealthDisclosureTest {
    static final String TOKEN = "kr-health-test-token-4b8e";

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

    JsonNode health(Map<String, String> headers) {
        HttpResponse<String> r = router.send("GET", HealthRoute.PATH, headers, null);
        assertEquals(200, r.statusCode(), r.body());
        return GuardedRouter.json(r.body());
    }

    static void assertUpOnly(JsonNode body) {
        assertEquals(1, body.size(), "nothing but the status: " + body);
        assertEquals("up", body.path("status").asText(), body.toString());
    }

    @Test
    void onLoopbackUnderItsOwnNameTheFullReportIsShown() {
        serve(s -> s);
        JsonNode body = health(Map.of());
        assertEquals("ok", body.path("status").asText());
        assertTrue(body.path("store").has("location") && body.has("claude"), body.toString());
    }

    @Test
    void underAForeignHostOnlyUpOrDownIsShown() {
        serve(s -> s);
        Map<String, String> foreign = Map.of("Host", "evil.example:" + router.port());
        RawHttp.Response r = RawHttp.send(router.port(), "GET", HealthRoute.PATH, foreign, null);
        assertEquals(200, r.status(), r.body());
        assertUpOnly(GuardedRouter.json(r.body()));
        assertFalse(r.body().contains(home.toString()), "the store's path is not disclosed");
    }

    @Test
    void onAnExposedBindWithoutTheTokenOnlyUpOrDownIsShownAndWithItTheFullReport() {
        serve(s -> s.withListener("0.0.0.0", 0).withApiToken(Optional.of(Secret.of(TOKEN))));
        JsonNode anonymous = health(Map.of());
        assertUpOnly(anonymous);
        assertUpOnly(health(Map.of("Authorization", "Bearer not-the-token")));
        JsonNode full = health(Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals("ok", full.path("status").asText());
        assertTrue(full.path("store").has("location"), full.toString());
    }

    @Test
    void onLoopbackWithATokenSetTheFullReportIsShownWithoutIt() {
        serve(s -> s.withApiToken(Optional.of(Secret.of(TOKEN))));
        assertTrue(health(Map.of()).has("store"), "loopback callers under the server's own name are trusted with it");
    }
}
