package dev.knowledgerouter.eval;

import dev.knowledgerouter.learn.LogisticModel;
import dev.knowledgerouter.learn.PromptFeatures;
import java.util.List;

/**
 * What escalating a query is expected to gain: P(remote model right) - P(local model right), each a
 * {@link LogisticModel} over the query's embedding and its {@link PromptFeatures}, trained on
 * interactions whose outcome on both routes is known. Ranking by this gain, rather than by the
 * local model's failure alone, leaves out the queries that both models get wrong, where paying
 * for the remote call buys nothing.
 *
 * <p>The embedding is scaled up against the standardised features so that one penalty suits both:
 * unit-length 384-dimensional vectors have components near 0.05. The scale and the penalty were
 * chosen on GSM8K splits and are documented with their measurements in docs/routing.md.
 */
public final class GainModel {
    static final double EMBEDDING_SCALE = 5.0;
    static final double PENALTY = 50.0;

    /** One interaction whose outcome on both routes is known. */
    public record Example(float[] vector, String prompt, boolean localRight, boolean remoteRight) {}

    private final double[] featureMean;
    private final double[] featureScale;
    private final LogisticModel local;
    private final LogisticModel remote;

    private GainModel(double[] featureMean, double[] featureScale, LogisticModel local, LogisticModel remote) {
        this.featureMean = featureMean;
        this.featureScale = featureScale;
        this.local = local;
        this.remote = remote;
    }

    public static GainModel train(List<Example> examples) {
        if (examples.size() < 2) {
            throw new IllegalArgumentException("a gain model needs at least two examples, got " + examples.size());
        }
        double[][] raw =
                examples.stream().map(e -> PromptFeatures.of(e.prompt())).toArray(double[][]::new);
        double[] mean = new double[PromptFeatures.COUNT];
        double[] scale = new double[PromptFeatures.COUNT];
        for (double[] r : raw) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += r[j] / raw.length;
            }
        }
        for (double[] r : raw) {
            for (int j = 0; j < mean.length; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / raw.length;
            }
        }
        for (int j = 0; j < scale.length; j++) {
            scale[j] = Math.sqrt(scale[j]) + 1e-9;
        }
        double[][] x = new double[examples.size()][];
        boolean[] localRight = new boolean[x.length];
        boolean[] remoteRight = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = row(examples.get(i).vector(), raw[i], mean, scale);
            localRight[i] = examples.get(i).localRight();
            remoteRight[i] = examples.get(i).remoteRight();
        }
        return new GainModel(
                mean, scale, LogisticModel.fit(x, localRight, PENALTY), LogisticModel.fit(x, remoteRight, PENALTY));
    }

    /** The expected gain of escalating, between -1 and 1. */
    public double gain(float[] vector, String prompt) {
        double[] x = row(vector, PromptFeatures.of(prompt), featureMean, featureScale);
        return remote.probability(x) - local.probability(x);
    }

    public double localSuccess(float[] vector, String prompt) {
        return local.probability(row(vector, PromptFeatures.of(prompt), featureMean, featureScale));
    }

    public double remoteSuccess(float[] vector, String prompt) {
        return remote.probability(row(vector, PromptFeatures.of(prompt), featureMean, featureScale));
    }

    private static double[] row(float[] vector, double[] features, double[] mean, double[] scale) {
        double[] out = new double[vector.length + features.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * EMBEDDING_SCALE;
        }
        for (int j = 0; j < features.length; j++) {
            out[vector.length + j] = (features[j] - mean[j]) / scale[j];
        }
        return out;
    }
}
