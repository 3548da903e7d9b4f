package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Refusals and stated uncertainty, and where in the answer they stand. */
class RefusalCheckTest {
    private final RefusalCheck check = new RefusalCheck();

    private CheckResult check(String answer) {
        return check.check(AnswerUnderReview.of("Why does my build fail?", answer));
    }

    @Test
    void anAnswerThatOpensWithARefusalFailsAsARefusal() {
        CheckResult r = check("I don’t know why the build fails without seeing the log.");
        assertTrue(r.failed());
        assertEquals(1, r.feature(RefusalCheck.REFUSAL_AT_START));
        assertTrue(
                r.reason().startsWith("opens with a refusal") && r.reason().contains("\"i don't know\""), r.reason());
    }

    @Test
    void anAiDisclaimerIsARefusal() {
        assertTrue(check("As an AI language model, I cannot run your build.").failed());
    }

    @Test
    void aLateRefusalIsACaveatButStillReported() {
        CheckResult r = check(
                "The build fails because the lock file is out of date; run npm install and commit the new lock file. "
                        + "Without the full log I cannot be certain this is the only cause.");
        assertTrue(r.failed());
        assertEquals(0, r.feature(RefusalCheck.REFUSAL_AT_START));
    }

    @Test
    void repeatedHedgingFails() {
        CheckResult r = check("It is probably the cache. I'm not sure, but clearing it helps.");
        assertTrue(r.failed());
        assertTrue(r.reason().startsWith("states uncertainty"), r.reason());
        assertEquals(Math.log1p(2), r.feature(RefusalCheck.UNCERTAINTY), 1e-12);
    }

    @Test
    void aPlainAnswerPasses() {
        CheckResult r = check("The lock file is out of date: run npm install and commit package-lock.json.");
        assertFalse(r.failed(), r.reason());
        assertEquals(0, r.feature(RefusalCheck.REFUSALS));
        assertEquals(0, r.feature(RefusalCheck.UNCERTAINTY));
    }
}
