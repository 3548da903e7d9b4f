package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.config.GraderSettings;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.WireServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The optional grading pass against a wire-format Ollama: its yes or no, its reason, and a model that is not there. */
class LocalModelGraderTest {
    private static String ollamaReply(String content) {
        return "{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-12-01T00:00:00Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"" + content
                + "\"},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":300,\"eval_count\":12}";
    }

    private static LocalModelGrader grader(WireServer ollama) {
        return new LocalModelGrader(
                new OllamaChatClient(new OllamaSettings(ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5))),
                new MutableClock(Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void aNoFromTheGradingModelIsABadGradeWithItsReason() {
        try (WireServer ollama = new WireServer()
                .on("/api/chat", WireServer.Reply.json(200, ollamaReply("NO - the flag --keep does not exist.")))) {
            Grade g = grader(ollama).grade(AnswerUnderReview.of("How do I undo a commit?", "Run git undo --keep."));
            assertEquals(Grade.Judgement.BAD, g.judgement());
            assertEquals("the flag --keep does not exist.", g.reason());
            String sent = ollama.received("/api/chat").getFirst().body();
            assertTrue(sent.contains("Run git undo --keep.") && sent.contains("How do I undo a commit?"), sent);
        }
    }

    @Test
    void aYesIsAGoodGrade() {
        try (WireServer ollama = new WireServer()
                .on("/api/chat", WireServer.Reply.json(200, ollamaReply("Yes. It matches the context.")))) {
            assertEquals(
                    Grade.Judgement.GOOD,
                    grader(ollama).grade(AnswerUnderReview.of("q?", "a.")).judgement());
        }
    }

    @Test
    void aGraderThatCannotBeReachedGivesNoGradeAndTheCheckCountsIt() {
        WireServer gone = new WireServer();
        gone.close();
        GraderCheck check = new GraderCheck(grader(gone));
        CheckResult r = check.check(AnswerUnderReview.of("q?", "a."));
        assertEquals(0, r.feature(GraderCheck.GRADER_BAD));
        assertEquals(new GraderCheck.Stats(1, 1, 0), check.stats());
    }

    @Test
    void theGradingPassIsOffByDefaultAndLastWhenOn() {
        assertFalse(GraderSettings.defaults().enabled());
        try (AnswerChecks off = AnswerChecks.standard(KnownTerms.NONE, Optional.empty());
                AnswerChecks on = AnswerChecks.standard(
                        KnownTerms.NONE, Optional.of(review -> new Grade(Grade.Judgement.BAD, "no", 3)))) {
            assertTrue(off.checks().stream().noneMatch(c -> c instanceof GraderCheck));
            assertEquals(GraderCheck.NAME, on.checks().getLast().name());
            List<CheckResult> results = on.run(AnswerUnderReview.of("q?", "a."));
            assertTrue(results.getLast().failed());
            assertEquals("the grading model says no: no", results.getLast().reason());
        }
    }

    @Test
    void aReplyWithoutYesOrNoIsNoGrade() {
        assertEquals(
                Grade.Judgement.UNKNOWN,
                LocalModelGrader.parse("Maybe, it depends.", 1).judgement());
        assertEquals(
                Grade.Judgement.BAD,
                LocalModelGrader.parse("**No**: wrong command", 1).judgement());
    }
}
