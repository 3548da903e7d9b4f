package dev.knowledgerouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComplexityEstimatorTest {
    final ComplexityEstimator estimator = new ComplexityEstimator();

    @Test
    void aPastedErrorIsTheSimplestCase() {
        assertEquals(
                1,
                estimator
                        .estimate("mvn dependency resolution fails with PKIX path building failed")
                        .score());
    }

    @Test
    void aVagueArchitectureQuestionIsComplex() {
        Complexity c =
                estimator.estimate("How should I design the architecture for a scalable multi-tenant SaaS platform?");
        assertTrue(c.score() >= 6, c.toString());
        assertTrue(c.signals().stream().anyMatch(s -> s.contains("design")), c.toString());
    }

    @Test
    void codeBlocksAndSeveralQuestionsRaiseTheScore() {
        String plain = "Why does this loop not terminate?";
        String rich =
                "Why does this loop not terminate? And why is it slow?\n```java\nwhile (x) {}\n```\n```java\nfor (;;) {}\n```";
        assertTrue(estimator.estimate(rich).score() >= estimator.estimate(plain).score() + 3);
    }

    @Test
    void namingManyFilesCountsAsMultiFileScope() {
        Complexity c = estimator.estimate("rename the field in User.java, UserDto.java, UserMapper.java and user.sql");
        assertTrue(c.signals().stream().anyMatch(s -> s.contains("files named")), c.toString());
    }

    @Test
    void lengthAloneRaisesTheScore() {
        String longQuery = "word ".repeat(150);
        assertEquals(3, estimator.estimate(longQuery).score());
    }

    @Test
    void theScoreStaysWithinOneToTen() {
        String everything =
                ("Design a scalable distributed microservice architecture, compare trade-offs, implement it from scratch "
                                        + "across the whole codebase, fix the race condition and memory leak? ")
                                .repeat(40)
                        + "```a```".repeat(4);
        assertEquals(10, estimator.estimate(everything).score());
        assertEquals(1, estimator.estimate("git error").score());
    }

    @Test
    void everyRunOfAsciiWhitespaceInTheWordingIsOneSpaceAndTheTextIsLowerCase() {
        assertEquals(
                " how do i\u00a0fix this error ",
                ComplexityEstimator.wording("How \t do\r\n\u000bI\u00a0fix\fthis  ERROR"));
        assertEquals("  ", ComplexityEstimator.wording(""));
        assertEquals("   ", ComplexityEstimator.wording(" \n\t"));
    }

    @Test
    void wordsAreCountedBetweenRunsOfAsciiWhitespaceOnly() {
        String fortyOne = ("word\t ".repeat(40) + "last").replace("\t ", "\t\n");
        assertTrue(
                estimator.estimate(fortyOne).signals().contains("41 words (+1)"),
                estimator.estimate(fortyOne).toString());
        String joined = "word\u00a0".repeat(45) + "last";
        assertTrue(
                estimator.estimate(joined).signals().stream().noneMatch(s -> s.endsWith("words (+1)")),
                "a no-break space does not separate words: " + estimator.estimate(joined));
    }
}
