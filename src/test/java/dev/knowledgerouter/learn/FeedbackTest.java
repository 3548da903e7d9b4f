package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.AnswerSource;
import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.answer.Usage;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResult;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackTest {
    @TempDir
    Path home;

    static Answer answer(AnswerSource source, String status, int failedAttempts) {
        List<Attempt> attempts = IntStream.range(0, failedAttempts)
                .mapToObj(i -> new Attempt("ollama/m" + i, Attempt.Outcome.FAILURE, "down", 1, null, null))
                .toList();
        return new Answer(source, "m", "text", status, null, attempts, Usage.NONE);
    }

    @Test
    void theOutcomeFollowsTheAttempts() {
        assertEquals(Outcome.SUCCESS, Outcome.of(answer(AnswerSource.LOCAL, "ok", 0)));
        assertEquals(Outcome.SUCCESS, Outcome.of(answer(AnswerSource.LOCAL, "fallback", 1)));
        assertEquals(Outcome.ESCALATED, Outcome.of(answer(AnswerSource.REMOTE, "escalated", 2)));
        assertEquals(Outcome.FAILURE, Outcome.of(answer(AnswerSource.RETRIEVAL, "degraded", 1)));
        assertEquals(Outcome.PENDING, Outcome.of(answer(AnswerSource.RETRIEVAL, "degraded", 0)));
    }

    @Test
    void aVerdictOverridesTheOutcomeAndKeepsAnEscalationVisible() {
        assertEquals(Outcome.FAILURE, Outcome.SUCCESS.after(Outcome.Verdict.BAD));
        assertEquals(Outcome.SUCCESS, Outcome.FAILURE.after(Outcome.Verdict.GOOD));
        assertEquals(Outcome.ESCALATED, Outcome.ESCALATED.after(Outcome.Verdict.GOOD));
        assertEquals(Outcome.FAILURE, Outcome.ESCALATED.after(Outcome.Verdict.BAD));
        assertEquals(Outcome.SUCCESS, Outcome.PENDING.after(Outcome.Verdict.GOOD));
    }

    @Test
    void anInteractionRecordsThatTheRoutersLoopWroteItAndFeedbackThatItChangedIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (App app = App.open(TestStack.seededCopy(home), TestStack.embedder(), clock)) {
            String id = app.queries()
                    .query(QueryRequest.of("docker port is already allocated"))
                    .interactionId();
            Provenance stored = Provenance.in(
                    app.store().get(CollectionCatalog.HISTORY, id).orElseThrow().payload());
            assertEquals(Provenance.of(Provenance.Source.INTERACTION, Instant.parse("2026-11-22T10:00:00Z")), stored);
            assertFalse(stored.curated(), "what the loop wrote is not curated knowledge");

            clock.advance(Duration.ofMinutes(5));
            app.feedback(id, Outcome.Verdict.GOOD, Optional.empty());
            assertEquals(
                    stored.updated(Provenance.Source.FEEDBACK, Instant.parse("2026-11-22T10:05:00Z")),
                    Provenance.in(app.store()
                            .get(CollectionCatalog.HISTORY, id)
                            .orElseThrow()
                            .payload()));
        }
    }

    @Test
    void repeatedFeedbackReplacesTheVerdictKeepsTheHistoryAndTheVector() {
        try (App app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC())) {
            String q = "docker compose port is already allocated";
            QueryResult r = app.queries().query(QueryRequest.of(q));
            String id = r.interactionId();
            assertEquals(
                    "failure",
                    app.store()
                            .get(CollectionCatalog.HISTORY, id)
                            .orElseThrow()
                            .payload()
                            .get("outcome"),
                    "no model could answer here (no Ollama, no key)");

            FeedbackResult good = app.feedback(id, Outcome.Verdict.GOOD, Optional.of("the stored fix worked"));
            assertEquals("success", good.outcome());
            FeedbackResult bad = app.feedback(id, Outcome.Verdict.BAD, Optional.empty());
            assertEquals("failure", bad.outcome());
            assertEquals("bad", bad.verdict());
            assertEquals(
                    List.of("good", "bad"),
                    bad.feedback().stream().map(f -> (String) f.get("verdict")).toList());
            assertEquals("the stored fix worked", bad.feedback().getFirst().get("note"));

            Map<String, Object> stored =
                    app.store().get(CollectionCatalog.HISTORY, id).orElseThrow().payload();
            assertEquals("failure", stored.get("outcome_from_attempts"));
            assertEquals(q, stored.get("query"), "the rest of the interaction is untouched");
            float[] v = TestStack.embedder().embed(q, Embedder.Purpose.QUERY);
            assertTrue(
                    app.store()
                                    .search(SearchRequest.of(CollectionCatalog.HISTORY, v, 1))
                                    .getFirst()
                                    .score()
                            > 0.999,
                    "the interaction keeps its embedding");
        }
    }

    @Test
    void aNoteOverTheLimitIsRefusedNamingTheLimitAndNothingChanges() {
        try (App app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC())) {
            String id = app.queries()
                    .query(QueryRequest.of("docker port is already allocated"))
                    .interactionId();
            String limit = "n".repeat(FeedbackService.MAX_NOTE_CHARS);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> app.feedback(id, Outcome.Verdict.BAD, Optional.of(limit + "!")));
            assertTrue(e.getMessage().contains("'note' has 2001 characters; keep it to 2000 or fewer"), e.getMessage());
            assertFalse(app.store()
                    .get(CollectionCatalog.HISTORY, id)
                    .orElseThrow()
                    .payload()
                    .containsKey("verdict"));
            assertEquals(
                    1, app.feedback(id, Outcome.Verdict.BAD, Optional.of(limit)).feedbackCount());
        }
    }

    @Test
    void theLatestVerdictsAreKeptInOrderWithACountOfAllGiven() {
        try (App app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC())) {
            String id = app.queries()
                    .query(QueryRequest.of("npm ERESOLVE unable to resolve dependency tree"))
                    .interactionId();
            int given = FeedbackService.KEPT_VERDICTS + 5;
            FeedbackResult last = null;
            for (int i = 1; i <= given; i++) {
                last = app.feedback(id, i % 2 == 0 ? Outcome.Verdict.GOOD : Outcome.Verdict.BAD, Optional.of("#" + i));
            }
            assertEquals(given, last.feedbackCount());
            assertEquals(FeedbackService.KEPT_VERDICTS, last.feedback().size());
            assertEquals(
                    IntStream.rangeClosed(6, given).mapToObj(i -> "#" + i).toList(),
                    last.feedback().stream().map(f -> f.get("note")).toList(),
                    "the oldest verdicts go first");
            assertEquals("bad", last.verdict(), "the latest is in force");
            assertEquals(given, app.recentInteractions(1).getFirst().feedback());
        }
    }

    @Test
    void feedbackOnAnUnknownIdNamesIt() {
        try (App app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC())) {
            UnknownInteractionException e = assertThrows(
                    UnknownInteractionException.class,
                    () -> app.feedback("no-such-id", Outcome.Verdict.GOOD, Optional.empty()));
            assertTrue(e.getMessage().contains("'no-such-id'"), e.getMessage());
        }
    }
}
