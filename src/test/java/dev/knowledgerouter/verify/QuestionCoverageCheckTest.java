package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Quantities and specifics the question gives that the answer never uses. */
class QuestionCoverageCheckTest {
    private final QuestionCoverageCheck check = new QuestionCoverageCheck();

    @Test
    void aQuantityTheAnswerIgnoresIsNamed() {
        CheckResult r = check.check(AnswerUnderReview.of(
                "There are 90 rooms and each takes 20 minutes to clean. How many hours for half of them?",
                "Half of the rooms is 90 / 2 = 45 rooms, which take 1 hour."));
        assertTrue(r.failed());
        assertTrue(r.reason().contains("the question's 20"), r.reason());
        assertEquals(Math.log1p(1), r.feature(QuestionCoverageCheck.NUMBERS), 1e-12);
    }

    @Test
    void everyQuantityUsedPassesAndAPercentMayAppearAsItsFraction() {
        CheckResult r = check.check(AnswerUnderReview.of(
                "She earns $2,000 a month and saves 25% of it. How much in 12 months?",
                "She saves 0.25 * 2000 = 500 a month, so 500 * 12 = 6000 a year."));
        assertFalse(r.failed(), r.reason());
    }

    @Test
    void numberedListMarkersAreNotQuantities() {
        CheckResult r = check.check(AnswerUnderReview.of(
                "Two questions:\n1. What is a rebase?\n2. What is a merge?",
                "A rebase replays commits on a new base; a merge joins two histories with a merge commit."));
        assertTrue(
                Double.isNaN(r.feature(QuestionCoverageCheck.NUMBERS)),
                "the question states no quantity, so the feature does not apply");
        assertFalse(r.failed());
    }

    @Test
    void aFlagOrFileTheQuestionNamesButTheAnswerIgnoresIsCounted() {
        CheckResult r = check.check(AnswerUnderReview.of(
                "Why does `docker compose up --build` ignore my compose.override.yaml?",
                "Run docker compose up --build again after you change the override file."));
        assertEquals(Math.log1p(1), r.feature(QuestionCoverageCheck.TERMS), 1e-12, r.reason());
        assertTrue(r.reason().contains("'compose.override.yaml'"), r.reason());
    }

    @Test
    void anEmptyAnswerIsTheLengthChecksBusiness() {
        assertFalse(check.check(AnswerUnderReview.of("What is 2 + 2?", "")).failed());
    }
}
