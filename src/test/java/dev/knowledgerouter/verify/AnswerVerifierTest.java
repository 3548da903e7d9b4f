package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ContextPassage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The entry point with the shipped weights, as the answer chain will call it. */
class AnswerVerifierTest {
    private static final AnswerVerifier VERIFIER = AnswerVerifier.standard(KnownTerms.NONE);
    private static final EscalationThresholds THRESHOLDS = EscalationThresholds.DEFAULTS;
    private static final List<ContextPassage> CONTEXT = List.of(new ContextPassage(
            "skills-patterns",
            "git-undo",
            0.84,
            "Undo the last commit but keep the changes",
            "git reset --soft HEAD~1 moves the branch back one commit and keeps the changes staged."));

    @AfterAll
    static void close() {
        VERIFIER.close();
    }

    private static AnswerUnderReview review(String answer, ModelMetadata model) {
        return new AnswerUnderReview(
                "How do I undo my last commit but keep the changes?", CONTEXT, answer, model, 0.72);
    }

    @Test
    void aGoodLocalAnswerDoesNotEscalate() {
        Verdict v = VERIFIER.check(review(
                "Run `git reset --soft HEAD~1`: it moves the branch back one commit and keeps your changes"
                        + " staged, so you can edit them and commit again.",
                new ModelMetadata("ollama/qwen", "stop", 40, 512)));
        assertFalse(v.escalates(THRESHOLDS.forProfile("default")), "score " + v.score() + " " + v.reasons());
        assertTrue(v.failed().isEmpty(), v.reasons().toString());
    }

    @Test
    void aCutOffAnswerEscalatesWithTheReason() {
        Verdict v = VERIFIER.check(review(
                "Run `git reset --soft HEAD~1`: it moves the branch back one commit and keeps",
                new ModelMetadata("ollama/qwen", "length", 512, 512)));
        assertTrue(v.escalates(THRESHOLDS.forProfile("default")), "score " + v.score());
        assertTrue(
                v.reasons().stream().anyMatch(r -> r.startsWith("cut_off: the model stopped at its token limit")),
                v.reasons().toString());
    }

    @Test
    void aRefusalEscalates() {
        Verdict v = VERIFIER.check(
                review("I don't know how your repository is set up, so I cannot say.", ModelMetadata.UNKNOWN));
        assertTrue(v.escalates(THRESHOLDS.forProfile("default")), "score " + v.score());
    }

    @Test
    void theCriticalProfileEscalatesAtALowerScore() {
        assertTrue(THRESHOLDS.forProfile("critical") < THRESHOLDS.forProfile("default"));
        assertTrue(THRESHOLDS.forProfile("default") < THRESHOLDS.forProfile("casual"));
        assertEquals(THRESHOLDS.otherwise(), THRESHOLDS.forProfile("a-profile-of-my-own"));
        Verdict between = new Verdict(0.4, List.of(), new FeatureVector(List.of(), new double[0]));
        assertTrue(between.escalates(THRESHOLDS.forProfile("critical")));
        assertFalse(between.escalates(THRESHOLDS.forProfile("default")));
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new EscalationThresholds(Map.of("default", 1.5), 0.5));
        assertTrue(e.getMessage().contains("default"), e.getMessage());
    }

    @Test
    void theVerdictCarriesEveryFeatureForTheLearningLoop() {
        Verdict v = VERIFIER.check(review("Use `git reset --soft HEAD~1`.", ModelMetadata.UNKNOWN));
        assertEquals(VERIFIER.checks().featureNames(), v.features().names());
        Map<String, Double> stored = v.features().asMap();
        assertEquals(v.features(), FeatureVector.fromMap(VERIFIER.checks().featureNames(), stored));
        assertFalse(
                stored.containsKey(ArithmeticCheck.WRONG),
                "an answer without arithmetic stores no arithmetic features");
        assertEquals(
                v.score(),
                VERIFIER.model().score(FeatureVector.fromMap(VERIFIER.checks().featureNames(), stored)),
                1e-12);
    }
}
