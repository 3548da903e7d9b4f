package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.AnswerSource;
import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.answer.Usage;
import dev.knowledgerouter.route.Complexity;
import dev.knowledgerouter.route.Decision;
import dev.knowledgerouter.route.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An interaction records the router's decision and the answer as they were, each in its own fields. */
class InteractionTest {
    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theDecisionAndTheAnswerFillTheirFields() {
        Decision routed = new Decision(
                Target.LOCAL,
                "casual",
                0.82,
                new Complexity(3, List.of()),
                0,
                "relevant entry",
                List.of("0.82 >= 0.8"));
        Attempt failed = new Attempt("qwen2.5-coder:7b", Attempt.Outcome.FAILURE, "timeout", 120_000, null, null);
        Attempt answered = new Attempt("claude-sonnet-4-6", Attempt.Outcome.SUCCESS, null, 900, 2000, 500);
        Answer escalated = new Answer(
                AnswerSource.REMOTE,
                "claude-sonnet-4-6",
                "use git rebase -i",
                "escalated",
                "the local model timed out",
                List.of(failed, answered),
                new Usage(2000, 500, 0.0135));

        Interaction i = Interaction.builder("q1", AT, "how do I squash commits")
                .decision(routed)
                .answer(escalated)
                .taskType("casual")
                .build();

        assertEquals("local", i.routedTo());
        assertEquals("casual", i.profile());
        assertEquals(0.82, i.relevance());
        assertEquals(3, i.complexity());
        assertEquals("relevant entry", i.reason());
        assertEquals(List.of("0.82 >= 0.8"), i.reasons());
        assertEquals("remote", i.answeredBy(), "who really answered, not whom the router chose");
        assertEquals("use git rebase -i", i.answer());
        assertEquals("claude-sonnet-4-6", i.model());
        assertEquals("escalated", i.status());
        assertEquals("escalated", i.outcome());
        assertEquals("the local model timed out", i.note());
        assertEquals(List.of(failed, answered), i.attempts());
        assertEquals(new Usage(2000, 500, 0.0135), i.usage());
    }

    @Test
    void whatIsNotSetStaysAbsentAndListsEmpty() {
        Interaction i = Interaction.builder("q2", AT, "why").build();
        assertEquals("q2", i.id());
        assertEquals(AT, i.timestamp());
        assertNull(i.answer());
        assertNull(i.user());
        assertNull(i.timings());
        assertEquals(List.of(), i.contextIds());
        assertEquals(List.of(), i.attempts());
    }
}
