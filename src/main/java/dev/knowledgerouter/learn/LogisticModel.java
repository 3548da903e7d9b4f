package dev.knowledgerouter.learn;

import java.util.Arrays;

/**
 * L2-regularised logistic regression fitted by Newton's method. The data sets it serves (a few
 * hundred to a few thousand interactions, a few hundred features) make the exact Newton step cheap,
 * and it converges in about ten iterations without a learning rate to tune. The intercept is not
 * penalised, so a model with no signal still predicts the base rate.
 */
public record LogisticModel(double intercept, double[] weights) {
    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-8;

    /**
     * @param x      one row per example, all of the same length
     * @param y      the labels
     * @param lambda the L2 penalty on the weights, as in {@code sum(logloss) + lambda/2 * |w|^2}
     */
    public static LogisticModel fit(double[][] x, boolean[] y, double lambda) {
        return fit(x, y, lambda, new double[x.length]);
    }

    /**
     * Fits with a fixed {@code offset} added to each example's log-odds: what another model already
     * says about it. The fitted weights are then corrections to that model, drawn towards none by the
     * penalty, which is how a model is re-fitted on a small sample without forgetting what it knew.
     */
    public static LogisticModel fit(double[][] x, boolean[] y, double lambda, double[] offset) {
        if (offset.length != x.length) {
            throw new IllegalArgumentException("need one offset per example: " + offset.length + " for " + x.length);
        }
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as examples, and at least one: " + x.length
                    + " examples, " + y.length + " labels");
        }
        int d = x[0].length + 1;
        double[] beta = new double[d];
        double[] gradient = new double[d];
        double[][] hessian = new double[d][d];
        double[] row = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            Arrays.fill(gradient, 0);
            for (double[] h : hessian) {
                Arrays.fill(h, 0);
            }
            for (int i = 0; i < x.length; i++) {
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, d - 1);
                double p = sigmoid(dot(beta, row) + offset[i]);
                double residual = p - (y[i] ? 1 : 0);
                double curvature = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < d; a++) {
                    gradient[a] += residual * row[a];
                    double ra = curvature * row[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += ra * row[b];
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                gradient[a] += lambda * beta[a];
                hessian[a][a] += lambda;
            }
            hessian[0][0] += 1e-9;
            double[] step = solveSymmetric(hessian, gradient);
            double change = 0;
            for (int a = 0; a < d; a++) {
                beta[a] -= step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return new LogisticModel(beta[0], Arrays.copyOfRange(beta, 1, d));
    }

    public double probability(double[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        double z = intercept;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * features[i];
        }
        return sigmoid(z);
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Cholesky solve of {@code A s = g}; only the lower triangle of A is read. A is positive definite here. */
    private static double[] solveSymmetric(double[][] a, double[] g) {
        int n = g.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(sum, 1e-12));
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = g[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] s = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * s[k];
            }
            s[i] = sum / l[i][i];
        }
        return s;
    }
}
