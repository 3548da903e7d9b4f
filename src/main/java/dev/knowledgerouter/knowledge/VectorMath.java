package dev.knowledgerouter.knowledge;

/** Vector operations the store relies on: it searches by dot product, which is cosine only on unit vectors. */
public final class VectorMath {
    private VectorMath() {}

    public static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0) {
            throw new IllegalArgumentException("cannot normalise a zero vector");
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
