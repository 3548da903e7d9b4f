package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.GitRepository;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/repos/{name}/impact} on a git repository analysed in the test, and its refusals. */
class ImpactApiTest {
    @TempDir
    static Path home;

    @TempDir
    static Path checkout;

    @TempDir
    static Path plain;

    static App app;
    static Javalin server;

    @BeforeAll
    static void start() throws Exception {
        GitRepository.init(checkout)
                .write("calc/ops.py", "def add(a, b):\n    return a + b\n")
                .write("calc/main.py", "from calc.ops import add\n\n\ndef run():\n    return add(1, 2)\n")
                .commit("calc");
        Files.writeString(plain.resolve("ops.py"), "def add(a, b):\n    return a + b\n");
        app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        app.code().analyze(new AnalysisRequest(checkout, "calc", SummaryMode.NONE), Progress.NONE);
        app.code().analyze(new AnalysisRequest(plain, "plain", SummaryMode.NONE), Progress.NONE);
        Files.writeString(checkout.resolve("calc/ops.py"), "def add(a, b):\n    return b + a\n");
        server = new HttpApi(app).create().start();
        HttpApiTest.base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    @Test
    void theChangedFunctionAndItsCallerComeBackWithDistancesAndPaths() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/calc/impact?base=HEAD");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("HEAD", r.body().path("base").asText());
        assertEquals("calc/ops.py", r.body().path("files").get(0).path("path").asText());
        assertEquals("modified", r.body().path("files").get(0).path("status").asText());
        JsonNode caller = null;
        for (JsonNode n : r.body().path("affected")) {
            if (n.path("id").asText().equals("function:calc/main.py:run")) {
                caller = n;
            }
        }
        assertTrue(caller != null, r.body().toString());
        assertEquals(1, caller.path("distance").asInt());
        assertEquals("calls", caller.path("path").get(0).path("type").asText());
        assertEquals(
                "function:calc/ops.py:add",
                caller.path("path").get(0).path("target").asText());
    }

    @Test
    void withoutABaseTheWorkingTreeIsComparedWithHead() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/calc/impact");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("HEAD", r.body().path("base").asText());
        assertEquals(2, r.body().path("changed").size());
    }

    @Test
    void anUnknownRepositoryIsNotFound() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/nope/impact");
        assertEquals(404, r.status());
        assertEquals("unknown_repository", r.body().path("error").asText());
    }

    @Test
    void aBaseTheRepositoryDoesNotHaveIsABadRequestNamingIt() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/calc/impact?base=no-such-branch");
        assertEquals(400, r.status());
        assertEquals("bad_base", r.body().path("error").asText());
        assertTrue(
                r.body().path("message").asText().contains("'no-such-branch' is not a commit"),
                r.body().toString());
    }

    @Test
    void aBaseThatLooksLikeAnOptionIsRefused() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/calc/impact?base=--output%3D%2Ftmp%2Fx");
        assertEquals(400, r.status());
        assertEquals("bad_base", r.body().path("error").asText());
    }

    @Test
    void aRepositoryThatIsNotAGitCheckoutIsABadRequest() throws Exception {
        HttpApiTest.Response r = HttpApiTest.get("/v1/repos/plain/impact");
        assertEquals(400, r.status());
        assertEquals("not_a_git_repository", r.body().path("error").asText());
        assertTrue(
                r.body().path("message").asText().contains("not inside a git work tree"),
                r.body().toString());
    }
}
