package dev.knowledgerouter.verify;

import dev.knowledgerouter.learn.LogisticModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P(answer is bad) from an answer's features: an L2-regularised {@link LogisticModel} over the
 * standardised features. A fitted feature is first held to the range the fitting sample showed:
 * an answer far outside it (a 300-word pasted stack trace, when the weights were fitted on word
 * problems) must not be pushed to a certain verdict by a weight that was never meant for it. Fitted offline on answers
 * whose quality is known ({@code kr eval
 * fit-verifier}), shipped as {@link VerifierWeights}, and refittable from the router's own outcomes
 * with the same {@link #fit}. Features the weights do not name count for nothing, so a verifier
 * keeps working when checks are added.
 */
public final class Verifier {
    /**
     * A weight is fitted only for a feature that departs from its usual value in at least this many
     * answers; below that (4 refusals in 1,319 answers) the fitted weight is noise blown up by a tiny
     * standard deviation, and the feature takes its prior instead.
     */
    public static final int MIN_SUPPORT = 20;

    private final VerifierWeights weights;
    private final LogisticModel model;

    private Verifier(VerifierWeights weights) {
        this.weights = weights;
        double[] w = weights.features().stream()
                .mapToDouble(VerifierWeights.Term::weight)
                .toArray();
        this.model = new LogisticModel(weights.intercept(), w);
    }

    public static Verifier of(VerifierWeights weights) {
        return new Verifier(weights);
    }

    /** The defaults shipped with the router. */
    public static Verifier shipped() {
        return new Verifier(VerifierWeights.shipped());
    }

    public VerifierWeights weights() {
        return weights;
    }

    public double score(FeatureVector features) {
        List<VerifierWeights.Term> terms = weights.features();
        double[] x = new double[terms.size()];
        for (int i = 0; i < x.length; i++) {
            VerifierWeights.Term t = terms.get(i);
            double v = features.get(t.name());
            x[i] = Double.isNaN(v) ? 0 : (t.clamp(v) - t.mean()) / t.scale();
        }
        return model.probability(x);
    }

    /** What was fitted on, for the weights file. */
    public record Provenance(String fittedOn, LocalDate fitDate, String description) {}

    /**
     * Fits on answers with known outcomes. Features are standardised by the sample's mean and
     * standard deviation; a feature too rare in the sample ({@link #MIN_SUPPORT}) gets its prior
     * weight on the raw scale, or none.
     */
    public static Verifier fit(
            List<FeatureVector> examples,
            boolean[] bad,
            double penalty,
            Map<String, Double> priors,
            Provenance provenance) {
        if (examples.isEmpty() || examples.size() != bad.length) {
            throw new IllegalArgumentException("need one outcome per example and at least one example: "
                    + examples.size() + " examples, "
                    + bad.length + " outcomes");
        }
        List<String> names = examples.getFirst().names();
        int d = names.size();
        double[] mean = new double[d];
        double[] sd = new double[d];
        double[] min = new double[d];
        double[] max = new double[d];
        int[] applies = new int[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (FeatureVector e : examples) {
            for (int j = 0; j < d; j++) {
                double v = e.get(names.get(j));
                if (!Double.isNaN(v)) {
                    applies[j]++;
                    mean[j] += v;
                    min[j] = Math.min(min[j], v);
                    max[j] = Math.max(max[j], v);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = applies[j] == 0 ? 0 : mean[j] / applies[j];
        }
        for (FeatureVector e : examples) {
            for (int j = 0; j < d; j++) {
                double v = e.get(names.get(j));
                if (!Double.isNaN(v)) {
                    sd[j] += (v - mean[j]) * (v - mean[j]) / applies[j];
                }
            }
        }
        double[] mode = new double[d];
        List<Integer> varying = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]);
            mode[j] = mode(examples, names.get(j));
            if (support(examples, names.get(j), mode[j]) >= MIN_SUPPORT) {
                varying.add(j);
            }
        }
        // A feature that does not apply sits at the mean: it adds nothing, in the fit as in scoring.
        double[][] x = new double[examples.size()][varying.size()];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < varying.size(); k++) {
                int j = varying.get(k);
                double v = examples.get(i).get(names.get(j));
                x[i][k] = Double.isNaN(v) ? 0 : (v - mean[j]) / sd[j];
            }
        }
        LogisticModel fitted = LogisticModel.fit(x, bad, penalty);
        List<VerifierWeights.Term> terms = new ArrayList<>();
        double intercept = fitted.intercept();
        for (int j = 0; j < d; j++) {
            int k = varying.indexOf(j);
            String name = names.get(j);
            if (k >= 0) {
                terms.add(new VerifierWeights.Term(
                        name, mean[j], sd[j], min[j], max[j], fitted.weights()[k], VerifierWeights.FITTED));
            } else if (priors.containsKey(name)) {
                // Centred on the sample's usual value, so that the answers the fit saw keep the intercept it gave them.
                terms.add(new VerifierWeights.Term(
                        name, mode[j], 1, null, null, priors.get(name), VerifierWeights.PRIOR));
            } else {
                terms.add(new VerifierWeights.Term(name, mode[j], 1, null, null, 0, VerifierWeights.UNUSED));
            }
        }
        int badCount = 0;
        for (boolean b : bad) {
            badCount += b ? 1 : 0;
        }
        return new Verifier(new VerifierWeights(
                provenance.description(),
                provenance.fittedOn(),
                examples.size(),
                round((double) badCount / bad.length),
                provenance.fitDate(),
                penalty,
                intercept,
                terms));
    }

    /**
     * Re-fits {@code base} on answers with known outcomes without forgetting it: every term keeps its
     * standardisation and range, and the fit learns a correction to each weight, drawn towards none by
     * {@code penalty} (base weights + corrections; the base model's log-odds are the fit's offset). The
     * intercept is fitted afresh, so the share of bad answers is the sample's. A feature that never
     * varies in the sample keeps its weight; one that does is marked {@link VerifierWeights#REFITTED}.
     * On a small sample the result stays close to {@code base}; with more evidence it follows the data.
     */
    public static Verifier refit(
            List<FeatureVector> examples, boolean[] bad, double penalty, VerifierWeights base, Provenance provenance) {
        if (examples.isEmpty() || examples.size() != bad.length) {
            throw new IllegalArgumentException("need one outcome per example and at least one example: "
                    + examples.size() + " examples, "
                    + bad.length + " outcomes");
        }
        List<VerifierWeights.Term> terms = base.features();
        double[][] x = new double[examples.size()][terms.size()];
        double[] offset = new double[examples.size()];
        boolean[] varies = new boolean[terms.size()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < terms.size(); j++) {
                VerifierWeights.Term t = terms.get(j);
                double v = examples.get(i).get(t.name());
                x[i][j] = Double.isNaN(v) ? 0 : (t.clamp(v) - t.mean()) / t.scale();
                offset[i] += t.weight() * x[i][j];
                varies[j] |= i > 0 && x[i][j] != x[0][j];
            }
        }
        LogisticModel correction = LogisticModel.fit(x, bad, penalty, offset);
        List<VerifierWeights.Term> refitted = new ArrayList<>();
        for (int j = 0; j < terms.size(); j++) {
            VerifierWeights.Term t = terms.get(j);
            refitted.add(new VerifierWeights.Term(
                    t.name(),
                    t.mean(),
                    t.scale(),
                    t.min(),
                    t.max(),
                    t.weight() + correction.weights()[j],
                    varies[j] ? VerifierWeights.REFITTED : t.source()));
        }
        int badCount = 0;
        for (boolean b : bad) {
            badCount += b ? 1 : 0;
        }
        return new Verifier(new VerifierWeights(
                provenance.description(),
                provenance.fittedOn(),
                examples.size(),
                round((double) badCount / bad.length),
                provenance.fitDate(),
                penalty,
                correction.intercept(),
                refitted));
    }

    /** The most common applicable value of a feature (0 when it never applies). */
    private static double mode(List<FeatureVector> examples, String name) {
        Map<Double, Integer> counts = new HashMap<>();
        for (FeatureVector e : examples) {
            double v = e.get(name);
            if (!Double.isNaN(v)) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(0.0);
    }

    /** How many answers have an applicable value other than the usual one: what a fitted weight would rest on. */
    private static int support(List<FeatureVector> examples, String name, double mode) {
        int n = 0;
        for (FeatureVector e : examples) {
            double v = e.get(name);
            if (!Double.isNaN(v) && v != mode) {
                n++;
            }
        }
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
