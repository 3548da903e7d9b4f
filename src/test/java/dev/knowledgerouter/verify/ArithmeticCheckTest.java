package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stated arithmetic, checked as a reader would: wrong results fail, rounding, units and running totals do not. */
class ArithmeticCheckTest {
    private final ArithmeticCheck check = new ArithmeticCheck();

    private CheckResult check(String answer) {
        return check.check(AnswerUnderReview.of("How many are there?", answer));
    }

    private static List<ArithmeticStatement> statements(String answer) {
        return StatedArithmetic.in(answer);
    }

    @Test
    void aWrongProductFailsAndTheReasonShowsTheRightValue() {
        CheckResult r = check("Each box holds 4, so 3 boxes hold 3 * 4 = 13 apples.");
        assertTrue(r.failed());
        assertTrue(r.reason().contains("'3 * 4 = 13' (3 * 4 is 12)"), r.reason());
        assertEquals(Math.log1p(1), r.feature(ArithmeticCheck.WRONG), 1e-12);
    }

    @Test
    void aRightProductPasses() {
        CheckResult r = check("Each box holds 4, so 3 boxes hold 3 * 4 = 12 apples.");
        assertFalse(r.failed(), r.reason());
        assertEquals(0, r.feature(ArithmeticCheck.WRONG));
        assertEquals(Math.log1p(1), r.feature(ArithmeticCheck.CHECKED), 1e-12);
    }

    @Test
    void aWrongCalculatorAnnotationFails() {
        assertTrue(check("Half of them is 48 / 2 = <<48/2=25>>25.").failed());
        assertFalse(check("Half of them is 48 / 2 = <<48/2=24>>24.").failed());
    }

    @Test
    void anAssignmentWhoseNumbersDoNotAddUpFails() {
        assertTrue(check("total = 1,200 + 350 = 1,500").failed());
        assertFalse(check("total = $1,200 + $350 = $1,550").failed());
    }

    @Test
    void aChainIsCheckedLinkByLink() {
        List<ArithmeticStatement> s = statements("So it takes 2 + 1/2 = 5/2 = 2.5 bolts.");
        assertEquals(2, s.size());
        assertTrue(s.stream().allMatch(ArithmeticStatement::holds), s.toString());
        assertFalse(statements("2 + 1/2 = 5/2 = 3.5").get(1).holds());
    }

    @Test
    void aResultRoundedToTheDecimalsItShowsHolds() {
        assertTrue(statements("8 / 7 = 1.14 weeks").getFirst().holds());
        assertTrue(statements("1 / 3 = 0.33").getFirst().holds());
        assertFalse(statements("8 / 7 = 1.2 weeks").getFirst().holds());
    }

    @Test
    void percentagesMayBeWrittenEitherWay() {
        assertTrue(statements("12 / 20 = 60%").getFirst().holds());
        assertTrue(statements("(100 / 1000) * 100 = 10%").getFirst().holds());
        assertTrue(statements("100% - 40% = 60%").getFirst().holds());
        assertTrue(statements("25% of 80 = 20").getFirst().holds());
        assertFalse(statements("25% of 80 = 25").getFirst().holds());
    }

    @Test
    void unitsAfterNumbersAreDroppedButDifferentUnitsAreNotCompared() {
        assertTrue(statements("3 sprints * 60 meters/sprint = 180 meters")
                .getFirst()
                .holds());
        assertTrue(statements("2 hours x 60 = 120 minutes").isEmpty()
                || statements("2 hours x 60 = 120 minutes").getFirst().holds());
        assertTrue(statements("2 x 1 hour = 120 minutes").isEmpty(), "hours and minutes are not compared");
    }

    @Test
    void aRunningTotalIsReadAsTheWriterMeansIt() {
        List<ArithmeticStatement> s = statements("Together 12 + 84 = 96 / 3 = 32 each.");
        assertTrue(s.stream().allMatch(ArithmeticStatement::holds), s.toString());
    }

    @Test
    void algebraIsNotArithmetic() {
        assertTrue(statements("Then 2x + 3 = 11, so x = 4.").isEmpty());
        assertTrue(statements("10 = 100 - 9X").isEmpty());
    }

    @Test
    void markdownEscapesAndSimpleLatexAreRead() {
        assertTrue(statements("20 \\* 80/100 = 16").getFirst().holds());
        assertTrue(statements("\\( \\frac{1}{2} \\times 10 = 5 \\)").getFirst().holds());
        assertFalse(statements("\\( 3 \\times 4 = 13 \\)").getFirst().holds());
    }

    @Test
    void comparisonsVersionsAndFencedCodeAreLeftAlone() {
        assertTrue(statements("if a + 1 == 3 then").isEmpty());
        assertTrue(statements("Upgrade from 1.2.3 = the old one").isEmpty());
        assertTrue(statements("```python\nx = 2 + 2 = 5\n```").isEmpty());
    }

    @Test
    void aConclusionNeitherComputedNorGivenIsUnsupported() {
        CheckResult unsupported = check.check(AnswerUnderReview.of(
                "She has 16 eggs and eats 3. How many are left?",
                "She has 16 - 3 = 13 eggs left.\nSo the answer is 7."));
        assertEquals(1, unsupported.feature(ArithmeticCheck.UNSUPPORTED));
        assertTrue(unsupported.failed());
        CheckResult supported = check.check(AnswerUnderReview.of(
                "She has 16 eggs and eats 3. How many are left?",
                "She has 16 - 3 = 13 eggs left.\nSo the answer is 13."));
        assertEquals(0, supported.feature(ArithmeticCheck.UNSUPPORTED));
        assertFalse(supported.failed());
    }

    @Test
    void resultsThatNeedRoundingAndFractionsAreCounted() {
        CheckResult r = check("So 54 / 8 = 6.75 packs, and 10 / 3 = 3.33 hours.");
        assertFalse(r.failed(), r.reason());
        assertEquals(Math.log1p(1), r.feature(ArithmeticCheck.ROUNDED), 1e-12);
        assertEquals(Math.log1p(2), r.feature(ArithmeticCheck.FRACTIONAL), 1e-12);
    }
}
