package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logistic verifier: what it learns from outcomes, how it treats what it never saw, and its weights file. */
class VerifierTest {
    private static final List<String> NAMES = List.of("wrong", "length", "never_seen");
    private static final Verifier.Provenance PROVENANCE =
            new Verifier.Provenance("synthetic", LocalDate.of(2026, 12, 1), "test");

    /** Answers are bad exactly when they hold a wrong calculation; length is noise; never_seen is always 0. */
    private static Verifier fitted(double penalty) {
        Random r = new Random(7);
        List<FeatureVector> examples = new ArrayList<>();
        boolean[] bad = new boolean[400];
        for (int i = 0; i < bad.length; i++) {
            boolean wrong = r.nextDouble() < 0.3;
            bad[i] = wrong ? r.nextDouble() < 0.9 : r.nextDouble() < 0.1;
            examples.add(new FeatureVector(NAMES, new double[] {wrong ? 1 : 0, 50 + r.nextInt(100), 0}));
        }
        return Verifier.fit(examples, bad, penalty, Map.of("never_seen", 2.0), PROVENANCE);
    }

    @Test
    void aFeatureThatPredictsBadAnswersGetsAPositiveWeight() {
        Verifier v = fitted(1);
        double withError = v.score(new FeatureVector(NAMES, new double[] {1, 100, 0}));
        double without = v.score(new FeatureVector(NAMES, new double[] {0, 100, 0}));
        assertTrue(withError > 0.8 && without < 0.2, withError + " vs " + without);
    }

    @Test
    void aFeatureTheSampleNeverVariedTakesItsPriorOnTheRawScale() {
        VerifierWeights.Term t = fitted(1).weights().features().get(2);
        assertEquals(VerifierWeights.PRIOR, t.source());
        assertEquals(2.0, t.weight());
        Verifier v = fitted(1);
        double base = v.score(new FeatureVector(NAMES, new double[] {0, 100, 0}));
        double raised = v.score(new FeatureVector(NAMES, new double[] {0, 100, 1}));
        assertEquals(2.0, logit(raised) - logit(base), 1e-9);
    }

    @Test
    void valuesBeyondTheFittedRangeCountAsItsEdge() {
        Verifier v = fitted(1);
        double atEdge = v.score(new FeatureVector(NAMES, new double[] {0, 149, 0}));
        double farBeyond = v.score(new FeatureVector(NAMES, new double[] {0, 10_000, 0}));
        assertEquals(atEdge, farBeyond, 1e-12);
    }

    @Test
    void aFeatureThatDoesNotApplyCountsAsTheAverage() {
        Verifier v = fitted(1);
        double mean = v.weights().features().get(1).mean();
        assertEquals(
                v.score(new FeatureVector(NAMES, new double[] {0, mean, 0})),
                v.score(new FeatureVector(NAMES, new double[] {0, Double.NaN, 0})),
                1e-12);
    }

    @Test
    void theWeightsFileKeepsEverythingTheScoreNeeds(@TempDir Path dir) {
        Verifier v = fitted(1);
        Path file = dir.resolve("w.json");
        v.weights().write(file);
        VerifierWeights read = VerifierWeights.read(file);
        assertEquals(v.weights(), read);
        assertEquals(400, read.sampleSize());
        assertEquals(LocalDate.of(2026, 12, 1), read.fitDate());
        FeatureVector x = new FeatureVector(NAMES, new double[] {1, 80, 0});
        assertEquals(v.score(x), Verifier.of(read).score(x), 1e-12);
    }

    @Test
    void theShippedWeightsCoverEveryStandardFeatureAndSayWhereTheyCameFrom() {
        VerifierWeights shipped = VerifierWeights.shipped();
        assertTrue(shipped.sampleSize() > 1000, "sample size " + shipped.sampleSize());
        assertNotNull(shipped.fitDate());
        assertNotNull(shipped.fittedOn());
        Set<String> named =
                shipped.features().stream().map(VerifierWeights.Term::name).collect(Collectors.toSet());
        try (AnswerChecks checks = AnswerChecks.standard(
                KnownTerms.NONE, Optional.of(review -> new Grade(Grade.Judgement.UNKNOWN, "", 0)))) {
            assertEquals(Set.copyOf(checks.featureNames()), named);
        }
    }

    @Test
    void theGradersFeatureTheShippedWeightsWereNotFittedOnCarriesItsPrior() {
        VerifierWeights.Term grader = VerifierWeights.shipped().features().stream()
                .filter(t -> t.name().equals(GraderCheck.GRADER_BAD))
                .findFirst()
                .orElseThrow();
        assertEquals(VerifierWeights.PRIOR, grader.source());
        assertEquals(VerifierPriors.defaults().get(GraderCheck.GRADER_BAD), grader.weight());
        Verifier shipped = Verifier.shipped();
        List<String> names = List.of(GraderCheck.GRADER_BAD);
        double no = shipped.score(new FeatureVector(names, new double[] {1}));
        double yes = shipped.score(new FeatureVector(names, new double[] {0}));
        assertEquals(1.5, logit(no) - logit(yes), 1e-9);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
