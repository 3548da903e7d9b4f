package dev.knowledgerouter.eval;

import java.util.SplittableRandom;

/**
 * Unit vectors of the embedder's dimension for filling a store at a scale the model cannot embed in
 * reasonable time (about 100 entries/s here): points scattered around random topic centres, about a
 * thousand entries a topic, each at its own distance, so that neighbourhoods have the dense-and-sparse
 * structure of real embeddings rather than the near-orthogonality of uniform noise (where the "nearest"
 * are ties that no index finds). Vector {@code i} of a size is the same on every call and run.
 */
public final class SyntheticVectors {
    private static final int ENTRIES_PER_TOPIC = 1000;
    private static final long SEED = 0x5EEDL;
    private static final double MIN_SPREAD = 0.03;
    private static final double MAX_SPREAD = 0.08;
    private static final double QUERY_SPREAD = 0.05;

    private final int dims;
    private final float[][] centres;

    /** Vectors of {@code dims} dimensions for a store of {@code entries}. */
    public SyntheticVectors(int dims, long entries) {
        this.dims = dims;
        SplittableRandom random = new SplittableRandom(SEED);
        centres = new float[(int) Math.max(1, entries / ENTRIES_PER_TOPIC)][];
        for (int t = 0; t < centres.length; t++) {
            float[] c = new float[dims];
            for (int d = 0; d < dims; d++) {
                c[d] = (float) random.nextGaussian();
            }
            centres[t] = normalised(c);
        }
    }

    /** The {@code i}-th stored vector. */
    public float[] entry(long i) {
        SplittableRandom random = new SplittableRandom(SEED * 31 + i);
        return near(random, MIN_SPREAD + (MAX_SPREAD - MIN_SPREAD) * random.nextDouble());
    }

    /** The {@code j}-th query: drawn like the entries, but from a stream no entry uses. */
    public float[] query(int j) {
        return near(new SplittableRandom(~(SEED * 31 + j)), QUERY_SPREAD);
    }

    private float[] near(SplittableRandom random, double spread) {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = (float) (centre[d] + spread * random.nextGaussian());
        }
        return normalised(v);
    }

    private static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
        return v;
    }
}
