package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.learn.UnknownInteractionException;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one error mapper on a real port: each route throws what a service throws, and the answer is the
 * failure's status, code, message and Retry-After, as JSON, in OpenAI's shape on the OpenAI routes.
 */
class ErrorMappingTest {
    private static final Map<String, Supplier<RuntimeException>> FAILURES = Map.of(
            "unknown-interaction", () -> new UnknownInteractionException("nope"),
            "store-unreachable", () -> new StoreUnavailableException("Qdrant at localhost:6334 does not answer", null),
            "store-closed", () -> new AlreadyClosedException("this IndexWriter is closed"),
            "stopping",
                    () -> new StopSignal.StoppedException(
                            "the server is shutting down; start the analysis again after it restarts"),
            "shutting-down", InFlight.ShuttingDownException::new,
            "illegal-state", () -> new IllegalStateException("token sk-ant-secret in an internal message"),
            "misconfigured", () -> new ConfigException("/etc/kr/kr.yaml: 'profiles' is not a mapping"));

    static Javalin server;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    record Response(int status, JsonNode body, HttpResponse<String> raw) {}

    @BeforeAll
    static void start() {
        server = Javalin.create(cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.jetty.host = "127.0.0.1";
                    cfg.jetty.port = 0;
                    cfg.jsonMapper(new JavalinJackson(WireJson.mapper(), false));
                    ErrorMapping.install(cfg.routes, 1024);
                    cfg.routes.get("/fail/{name}", ctx -> {
                        throw FAILURES.get(ctx.pathParam("name")).get();
                    });
                    cfg.routes.get(OpenAiApi.MODELS + "/{name}", ctx -> {
                        throw FAILURES.get(ctx.pathParam("name")).get();
                    });
                })
                .start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Response get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), json.readTree(r.body()), r);
    }

    @Test
    void aFailureTheCallerCanActOnIsAnsweredWithItsStatusCodeAndMessage() throws Exception {
        Response r = get("/fail/unknown-interaction");

        assertEquals(404, r.status());
        assertEquals("unknown_interaction", r.body().path("error").asText());
        assertEquals(
                new UnknownInteractionException("nope").getMessage(),
                r.body().path("message").asText());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void anUnreachableStoreIsA503ThatSaysWhenToRetry() throws Exception {
        Response r = get("/fail/store-unreachable");

        assertEquals(503, r.status());
        assertEquals("store_unavailable", r.body().path("error").asText());
        assertEquals("10", r.raw().headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void aClosedStoreIsA503InTheCallersTermsWithoutLucenesWords() throws Exception {
        Response r = get("/fail/store-closed");

        assertEquals(503, r.status());
        assertEquals("store_unavailable", r.body().path("error").asText());
        assertTrue(
                r.body().path("message").asText().startsWith("the store is closed"),
                r.body().toString());
        assertFalse(r.body().toString().contains("IndexWriter"), r.body().toString());
    }

    @Test
    void anAnalysisRefusedBecauseTheServerStopsIsA503ShuttingDownWithItsOwnMessage() throws Exception {
        Response r = get("/fail/stopping");

        assertEquals(503, r.status());
        assertEquals("shutting_down", r.body().path("error").asText());
        assertTrue(
                r.body().path("message").asText().contains("start the analysis again"),
                r.body().toString());
        assertEquals("5", r.raw().headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void workRefusedAfterShutdownBeganIsA503ShuttingDown() throws Exception {
        Response r = get("/fail/shutting-down");

        assertEquals(503, r.status());
        assertEquals("shutting_down", r.body().path("error").asText());
        assertEquals("5", r.raw().headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void anIllegalStateIsAnInternalErrorWithAnIdAndNothingOfItsMessage() throws Exception {
        Response r = get("/fail/illegal-state");

        assertEquals(500, r.status());
        assertEquals("internal_error", r.body().path("error").asText());
        assertTrue(
                r.body().path("message").asText().matches("internal error [0-9a-f]{8}; .*"),
                r.body().toString());
        assertFalse(r.body().toString().contains("sk-ant-secret"), r.body().toString());
    }

    @Test
    void aMisconfigurationReachesARemoteCallerAsAnInternalErrorWithoutThePath() throws Exception {
        Response r = get("/fail/misconfigured");

        assertEquals(500, r.status());
        assertEquals("internal_error", r.body().path("error").asText());
        assertFalse(r.body().toString().contains("/etc/kr"), r.body().toString());
    }

    @Test
    void onTheOpenAiRoutesTheSameFailureTakesOpenAisShape() throws Exception {
        Response r = get(OpenAiApi.MODELS + "/store-unreachable");

        assertEquals(503, r.status());
        JsonNode error = r.body().path("error");
        assertEquals("store_unavailable", error.path("code").asText(), r.body().toString());
        assertEquals("server_error", error.path("type").asText(), r.body().toString());
        assertTrue(
                error.path("message").asText().contains("does not answer"),
                r.body().toString());
    }
}
