package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.CollectionInfo;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose code collection an older kr filled with the knowledge model (bge-small), opened by a kr that
 * embeds code with all-MiniLM-L6-v2: the router starts, its search says what to run, and that run rebuilds it.
 */
class StaleCodeIndexApiTest {
    private static final Path SHAPES = Path.of("src/test/resources/code/fixtures/java");

    @TempDir
    Path home;

    private KrConfig config;

    @BeforeEach
    void analyseWithTheKnowledgeModel() throws Exception {
        config = TestStack.config(home);
        try (App older = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            older.code().analyze(new AnalysisRequest(SHAPES, "shapes", SummaryMode.NONE), Progress.NONE);
        }
    }

    @Test
    void searchingItAnswers409NamingTheAnalysisThatRebuildsIt() throws Exception {
        try (App app = App.open(config, TestStack.embedders(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                HttpApiTest.base = "http://127.0.0.1:" + server.port();
                HttpApiTest.Response search = HttpApiTest.get("/v1/repos/shapes/search?q=circle+radius");
                HttpApiTest.assertError(search, 409, "stale_code_index", "--name shapes");
                assertTrue(search.body().path("message").asText().contains("kr analyze "), search.body()::toString);
                assertTrue(search.body().path("message").asText().contains("all-minilm-l6-v2-q"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aQueryNamingItIsAnsweredWithoutItsCode() throws Exception {
        try (App app = App.open(config, TestStack.embedders(), Clock.systemUTC())) {
            List<ContextPassage> context = app.queries()
                    .query(new QueryRequest(
                            "in shapes, how is the total area of all shapes computed?", Optional.empty()))
                    .context();
            assertFalse(context.stream().anyMatch(p -> p.collection().startsWith("code-")), context::toString);
        }
    }

    @Test
    void analysingItAgainFillsItWithTheCodeModelAndMakesItSearchable() throws Exception {
        try (App app = App.open(config, TestStack.embedders(), Clock.systemUTC())) {
            AnalysisResult again =
                    app.code().analyze(new AnalysisRequest(SHAPES, "shapes", SummaryMode.NONE), Progress.NONE);
            assertEquals(0, again.parsed(), "unchanged files are not parsed again");
            assertTrue(again.indexed() > 0);
            CollectionInfo code = app.collections().stream()
                    .filter(c -> c.name().equals("code-shapes"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("all-minilm-l6-v2-q", code.embedder());
            assertEquals(again.indexed(), code.count());
            assertFalse(app.code()
                    .search("shapes", "build a circle with a radius", 3)
                    .isEmpty());
        }
    }
}
