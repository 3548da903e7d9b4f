package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResult;
import dev.knowledgerouter.app.RoutedQuery;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.route.Target;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router learning from stored interactions, on the seeded embedded stack. */
class LearnedRoutingTest {
    @TempDir
    Path home;

    App app;

    @BeforeEach
    void open() {
        app = App.open(
                TestStack.everyInteractionCounts(TestStack.seededCopy(home)), TestStack.embedder(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** Stores past interactions of {@code query} as the query path would, with the given local result. */
    void history(String query, int times, boolean localSucceeded) {
        float[] v = TestStack.embedder().embed(query, Embedder.Purpose.QUERY);
        for (int i = 0; i < times; i++) {
            Map<String, Object> attempt =
                    Map.of("model", "ollama/qwen2.5-coder:7b", "outcome", localSucceeded ? "SUCCESS" : "FAILURE");
            Map<String, Object> payload = Map.of(
                    "query",
                    query,
                    "answer",
                    "a",
                    "answered_by",
                    localSucceeded ? "local" : "remote",
                    "outcome",
                    localSucceeded ? "success" : "escalated",
                    "attempts",
                    List.of(attempt));
            app.store()
                    .upsert(
                            CollectionCatalog.HISTORY,
                            List.of(new Entry(
                                    query.hashCode() + "-" + i + "-" + localSucceeded, payload, v, Instant.now())));
        }
    }

    @Test
    void similarQueriesThatFailedLocallyGoStraightToClaude() {
        String q = "docker compose port is already allocated";
        assertEquals(
                Target.LOCAL, app.queries().route(QueryRequest.of(q)).decision().target(), "statically local");
        history(q, 3, false);
        RoutedQuery r = app.queries().route(QueryRequest.of(q));
        assertEquals(
                Target.REMOTE, r.decision().target(), r.decision().reasons().toString());
        assertTrue(
                r.decision().reason().contains("learned: 0 of 3 similar past queries succeeded locally"),
                r.decision().reason());
    }

    @Test
    void similarQueriesThatSucceededLocallyStayLocalBelowTheRelevanceBar() {
        String q = "how do I center a div with css flexbox";
        RoutedQuery before = app.queries().route(QueryRequest.of(q));
        assertEquals(
                Target.REMOTE,
                before.decision().target(),
                "statically remote: relevance " + before.decision().relevance());
        history(q, 3, true);
        RoutedQuery r = app.queries().route(QueryRequest.of(q));
        assertEquals(Target.LOCAL, r.decision().target(), r.decision().reasons().toString());
        assertTrue(
                r.decision().reason().contains("3 of 3")
                        && r.decision().reason().contains("local despite relevance"),
                r.decision().reason());
    }

    @Test
    void withTooLittleHistoryTheStaticPolicyAppliesAndSaysSo() {
        String q = "docker compose port is already allocated";
        history(q, 2, false);
        RoutedQuery r = app.queries().route(QueryRequest.of(q));
        assertEquals(Target.LOCAL, r.decision().target());
        assertTrue(
                r.decision()
                        .reasons()
                        .getLast()
                        .contains("too little history (2 similar queries with local evidence, 3 needed)"),
                r.decision().reasons().toString());
    }

    void remoteAnswer(String query, String answer, String outcome) {
        float[] v = TestStack.embedder().embed(query, Embedder.Purpose.QUERY);
        Map<String, Object> payload = Map.of(
                "query",
                query,
                "answer",
                answer,
                "answered_by",
                "remote",
                "outcome",
                outcome,
                "attempts",
                List.of(Map.of("model", "claude/claude-sonnet-4-6", "outcome", "SUCCESS")));
        app.store()
                .upsert(CollectionCatalog.HISTORY, List.of(new Entry("remote-" + outcome, payload, v, Instant.now())));
    }

    @Test
    void aGoodRemoteAnswerBecomesContextSoTheNextSimilarQueryCanStayLocal() {
        String q = "how do I center a div with css flexbox";
        remoteAnswer(
                q, "Use display: flex with justify-content: center and align-items: center on the parent.", "success");
        QueryResult r = app.queries().query(QueryRequest.of(q));
        assertEquals(Target.LOCAL, r.decision().target(), r.decision().reasons().toString());
        assertEquals("interaction-history", r.context().getFirst().collection());
        assertTrue(
                r.context().getFirst().text().contains("justify-content: center"),
                r.context().getFirst().text());
    }

    @Test
    void aBadRatedRemoteAnswerIsNeverUsedAsContext() {
        String q = "how do I center a div with css flexbox";
        remoteAnswer(q, "Use float: center.", "failure");
        QueryResult r = app.queries().query(QueryRequest.of(q));
        assertEquals(Target.REMOTE, r.decision().target());
        assertTrue(
                r.context().stream().noneMatch(c -> c.text().contains("float: center")),
                r.context().toString());
    }

    @Test
    void aLocalAnswerRatedBadCountsAsALocalFailure() {
        String q = "docker compose port is already allocated";
        history(q, 3, true);
        app.store()
                .scan(
                        CollectionCatalog.HISTORY,
                        Instant.EPOCH,
                        Instant.now().plusSeconds(60),
                        e -> app.feedback(e.id(), Outcome.Verdict.BAD, Optional.empty()));
        RoutedQuery r = app.queries().route(QueryRequest.of(q));
        assertEquals(
                Target.REMOTE, r.decision().target(), r.decision().reasons().toString());
    }
}
