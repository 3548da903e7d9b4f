package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the default {@code code.routing_context: named}, a query that names an analysed repository gets its code as context. */
class CodeContextQueryTest {
    @TempDir
    Path home;

    @Test
    void aQueryNamingAnAnalysedRepositoryGetsItsCodeAsContextAndOthersDoNot() throws Exception {
        try (App app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC())) {
            app.code()
                    .analyze(
                            new AnalysisRequest(
                                    Path.of("src/test/resources/code/fixtures/java"), "acme-shapes", SummaryMode.NONE),
                            Progress.NONE);

            List<ContextPassage> named = app.queries()
                    .query(new QueryRequest(
                            "in acme shapes, how is the total area of all shapes computed?", Optional.empty()))
                    .context();
            assertTrue(
                    named.stream()
                            .anyMatch(p -> p.collection().equals("code-acme-shapes") && p.id().startsWith("function:")),
                    named::toString);
            assertTrue(named.stream()
                    .filter(p -> p.collection().equals("code-acme-shapes"))
                    .allMatch(p -> p.title().matches("\\S+\\.java:\\d+-\\d+ .*")));

            List<ContextPassage> unnamed = app.queries()
                    .query(new QueryRequest("how is the total area of all shapes computed?", Optional.empty()))
                    .context();
            assertFalse(unnamed.stream().anyMatch(p -> p.collection().startsWith("code-")), unnamed::toString);
        }
    }
}
