package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticModelTest {

    @Test
    void withoutSignalItPredictsTheBaseRate() {
        Random random = new Random(7);
        double[][] x = new double[400][];
        boolean[] y = new boolean[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
            y[i] = i % 4 == 0;
        }
        LogisticModel m = LogisticModel.fit(x, y, 1e6);
        assertEquals(0.25, m.probability(new double[] {0, 0}), 0.01);
    }

    @Test
    void itRecoversTheCoefficientsThatGeneratedTheLabels() {
        Random random = new Random(11);
        int n = 20_000;
        double[][] x = new double[n][];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
            double p = 1 / (1 + Math.exp(-(-0.5 + 2.0 * x[i][0] - 1.0 * x[i][1])));
            y[i] = random.nextDouble() < p;
        }
        LogisticModel m = LogisticModel.fit(x, y, 1e-6);
        assertEquals(-0.5, m.intercept(), 0.08);
        assertEquals(2.0, m.weights()[0], 0.1);
        assertEquals(-1.0, m.weights()[1], 0.08);
    }

    @Test
    void thePenaltyShrinksTheWeightsButNotTheIntercept() {
        double[][] x = {{1}, {2}, {3}, {4}, {5}, {6}};
        boolean[] y = {false, false, true, false, true, true};
        LogisticModel loose = LogisticModel.fit(x, y, 0.01);
        LogisticModel tight = LogisticModel.fit(x, y, 100);
        assertTrue(
                Math.abs(tight.weights()[0]) < Math.abs(loose.weights()[0]) / 5, "tight " + tight + " loose " + loose);
        assertEquals(0.5, tight.probability(new double[] {3.5}), 0.02);
    }

    @Test
    void perfectlySeparableDataStillConverges() {
        double[][] x = {{-2}, {-1}, {1}, {2}};
        boolean[] y = {false, false, true, true};
        LogisticModel m = LogisticModel.fit(x, y, 0.1);
        assertTrue(m.probability(new double[] {2}) > 0.9);
        assertTrue(m.probability(new double[] {-2}) < 0.1);
        assertTrue(Double.isFinite(m.intercept()) && Double.isFinite(m.weights()[0]));
    }

    @Test
    void mismatchedInputsAreRefusedWithTheirSizes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LogisticModel.fit(new double[][] {{1}}, new boolean[] {true, false}, 1));
        assertTrue(e.getMessage().contains("1 examples, 2 labels"), e.getMessage());
    }
}
