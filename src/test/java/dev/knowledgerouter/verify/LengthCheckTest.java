package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Empty answers and answers far too short for what the question asks. */
class LengthCheckTest {
    private final LengthCheck check = new LengthCheck();

    @Test
    void anEmptyAnswerFails() {
        CheckResult r = check.check(AnswerUnderReview.of("What does git stash do?", "  \n "));
        assertTrue(r.failed());
        assertEquals(1, r.feature(LengthCheck.EMPTY));
        assertEquals("the answer is empty", r.reason());
    }

    @Test
    void aQuestionAskingHowGetsMoreThanAFewWords() {
        CheckResult r =
                check.check(AnswerUnderReview.of("How do I undo the last commit but keep my changes?", "Use reset."));
        assertTrue(r.failed());
        assertTrue(r.reason().contains("2 words") && r.reason().contains("at least 8"), r.reason());
    }

    @Test
    void aShortAnswerToAShortFactualQuestionPasses() {
        CheckResult r = check.check(AnswerUnderReview.of("Which port does Postgres listen on by default?", "5432."));
        assertFalse(r.failed(), r.reason());
        assertEquals(0, r.feature(LengthCheck.EMPTY));
    }

    @Test
    void aLongPastedErrorNeedsMoreThanAWord() {
        String trace =
                "java.lang.IllegalStateException: boom\n" + "    at com.acme.Service.run(Service.java:42)\n".repeat(40);
        assertTrue(check.check(AnswerUnderReview.of(trace, "Restart.")).failed());
        assertFalse(check.check(AnswerUnderReview.of(
                        trace,
                        "The service is started twice; guard start() with a flag so the second call returns "
                                + "early, or make the caller hold one instance for the whole application."))
                .failed());
    }

    @Test
    void howManyAsksForANumberNotAnExplanation() {
        assertFalse(check.check(AnswerUnderReview.of("How many bytes are in a kibibyte?", "1024 bytes."))
                .failed());
    }
}
