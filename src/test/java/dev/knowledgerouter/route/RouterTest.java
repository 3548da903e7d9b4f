package dev.knowledgerouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.config.RoutingSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {
    /** The reference table: local when (> 0.85 and < 6) or (> 0.8 and < 4) or (> 0.7 and < 3). */
    static final RoutingProfile REFERENCE = new RoutingProfile(
            "reference", List.of(new LocalRule(0.85, 6), new LocalRule(0.80, 4), new LocalRule(0.70, 3)));

    final Router router = new Router(new RoutingSettings("reference", Map.of("reference", REFERENCE), 5, 0.5));

    static Complexity complexity(int score) {
        return new Complexity(score, List.of());
    }

    @ParameterizedTest(name = "relevance {0}, complexity {1} -> {2}")
    @CsvSource({
        "0.86, 5, LOCAL",
        "0.85, 5, REMOTE",
        "0.86, 6, REMOTE",
        "0.99, 6, REMOTE",
        "0.81, 3, LOCAL",
        "0.80, 3, REMOTE",
        "0.81, 4, REMOTE",
        "0.71, 2, LOCAL",
        "0.70, 2, REMOTE",
        "0.71, 3, REMOTE",
        "0.30, 1, REMOTE",
        "-1.0, 1, REMOTE",
        "1.0, 1, LOCAL"
    })
    void appliesTheReferenceTableWithStrictBoundaries(double relevance, int complexity, Target expected) {
        assertEquals(
                expected,
                router.decide(relevance, Optional.empty(), complexity(complexity), REFERENCE)
                        .target());
    }

    @Test
    void aLocalDecisionNamesTheRuleThresholdsAndScores() {
        Decision d = router.decide(0.9, Optional.of("error-solutions/x"), complexity(2), REFERENCE);
        assertEquals(0, d.ruleIndex());
        assertTrue(
                d.reason().contains("rule 1")
                        && d.reason().contains("0.9 > 0.85")
                        && d.reason().contains("2 < 6"),
                d.reason());
        assertTrue(
                d.reasons().getFirst().contains("error-solutions/x"),
                d.reasons().toString());
    }

    @Test
    void aRemoteDecisionListsTheRulesItFailed() {
        Decision d = router.decide(0.5, Optional.empty(), complexity(7), REFERENCE);
        assertEquals(-1, d.ruleIndex());
        assertTrue(d.reason().contains("no local rule") && d.reason().contains("> 0.7 & < 3"), d.reason());
        assertTrue(
                d.reasons().getFirst().contains("no stored knowledge matched"),
                d.reasons().toString());
    }

    @Test
    void theNamedProfileIsUsedAndAnUnknownOneIsRefused() {
        assertEquals("reference", router.profile(Optional.empty()).name());
        UnknownProfileException e =
                assertThrows(UnknownProfileException.class, () -> router.profile(Optional.of("yolo")));
        assertTrue(e.getMessage().contains("'yolo'") && e.getMessage().contains("reference"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "0.5, 0.5",
        "1.0, 1.0",
        "-1.0, -1.0",
        "0.0, 0.0",
        "-0.0, -0.0",
        "0.7345, 0.735",
        "0.0005, 0.001",
        "-0.0004, -0.0",
        "0.81234567, 0.812",
        "12.3, 12.3",
        "NaN, NaN"
    })
    void aScoreInTheReasonsIsRoundedHalfUpToThreeDecimalsWithoutTrailingZeros(double score, String shown) {
        assertEquals(shown, Router.fmt(score));
    }

    @Test
    void aScoreInTheReasonsReadsAsThreeDecimalFormattingWithTrailingZerosCutWould() {
        for (int i = -20_000; i <= 20_000; i++) {
            for (double d : new double[] {i / 10_000.0, i / 10_000.0 + 0.00005, 2.0 * (float) (i / 20_000.0) - 1.0}) {
                String formatted = String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "");
                String expected = formatted.endsWith(".") ? formatted + "0" : formatted;
                assertEquals(expected, Router.fmt(d), "score " + d);
            }
        }
    }
}
