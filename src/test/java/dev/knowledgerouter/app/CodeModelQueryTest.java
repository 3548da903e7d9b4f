package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.testing.PrometheusText;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With code on its own model (the default), every search of code embeds the query with the code model, and the
 * routing with the knowledge model: the query embedding counters of each tell which ran.
 */
class CodeModelQueryTest {
    @TempDir
    Path home;

    private App app;

    @BeforeEach
    void analyse() throws Exception {
        app = App.open(TestStack.config(home), TestStack.embedders(), Clock.systemUTC());
        app.code()
                .analyze(
                        new AnalysisRequest(
                                Path.of("src/test/resources/code/fixtures/java"), "acme-shapes", SummaryMode.NONE),
                        Progress.NONE);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private double embedded(String counter) {
        return PrometheusText.parse(app.metrics().scrape()).value(counter, Map.of("source", "model"));
    }

    @Test
    void aQueryNamingARepositoryIsEmbeddedByEachModelAndGetsItsCode() {
        List<ContextPassage> context = app.queries()
                .query(new QueryRequest(
                        "in acme shapes, how is the total area of all shapes computed?", Optional.empty()))
                .context();
        assertTrue(
                context.stream()
                        .anyMatch(p -> p.collection().equals("code-acme-shapes") && p.id().startsWith("function:")),
                context::toString);
        assertEquals(1.0, embedded("kr_query_embeddings_total"));
        assertEquals(1.0, embedded("kr_code_query_embeddings_total"));
    }

    @Test
    void aSearchNamingACodeCollectionEmbedsTheQueryWithTheCodeModelOnly() {
        List<SearchHit> hits =
                app.searches().search("build a circle with a radius", Optional.of("code-acme-shapes"), 3);
        assertFalse(hits.isEmpty());
        assertEquals(0.0, embedded("kr_query_embeddings_total"));
        assertEquals(1.0, embedded("kr_code_query_embeddings_total"));
    }

    @Test
    void theCodeCollectionRecordsTheCodeModelAndTheKnowledgeCollectionsTheKnowledgeModel() {
        for (CollectionInfo c : app.collections()) {
            assertEquals(
                    c.name().equals("code-acme-shapes") ? "all-minilm-l6-v2-q" : "bge-small-en-v1.5-q",
                    c.embedder(),
                    c.name());
        }
    }
}
