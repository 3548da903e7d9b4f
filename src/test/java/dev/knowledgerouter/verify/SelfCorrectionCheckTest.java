package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An answer that corrects itself, and whether it does so near its end. */
class SelfCorrectionCheckTest {
    private final SelfCorrectionCheck check = new SelfCorrectionCheck();

    private CheckResult check(String answer) {
        return check.check(AnswerUnderReview.of("How many pieces are left?", answer));
    }

    @Test
    void aLateChangeOfCourseFailsAndIsMarkedLate() {
        CheckResult r = check(
                "He has 20 - 6 = 14 pieces left after school, and at night he gives half of them away to his sister. "
                        + "Wait, it is half of the rest: 7.");
        assertTrue(r.failed());
        assertEquals(1, r.feature(SelfCorrectionCheck.LATE));
        assertTrue(r.reason().contains("\"wait\"") && r.reason().contains("final third"), r.reason());
    }

    @Test
    void anAdmittedMistakeCounts() {
        CheckResult r = check("I made a mistake above: the total is 12. However, the question asks for pairs, so 6.");
        assertTrue(r.failed());
        assertEquals(Math.log1p(2), r.feature(SelfCorrectionCheck.CORRECTIONS), 1e-12);
    }

    @Test
    void howeverInsideASentenceIsNotACorrection() {
        CheckResult r = check("You can keep the default, however you configure the pool, and it will work.");
        assertFalse(r.failed(), r.reason());
    }

    @Test
    void aStraightAnswerPasses() {
        CheckResult r = check("He has 20 - 6 = 14 pieces, gives away half, and keeps 7.");
        assertFalse(r.failed(), r.reason());
        assertEquals(0, r.feature(SelfCorrectionCheck.CORRECTIONS));
    }
}
