package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All features of one answer, in the checks' order: what the verifier scores and what the learning
 * loop stores beside the interaction (as {@link #asMap()}, so a stored vector survives a change in
 * the checks). A feature that does not apply is NaN here and absent from the map; a name missing
 * from a stored map reads back as not applying.
 */
public record FeatureVector(List<String> names, double[] values) {
    public FeatureVector {
        names = List.copyOf(names);
        values = values.clone();
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " values");
        }
    }

    public static FeatureVector of(List<CheckResult> results) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (CheckResult r : results) {
            for (Feature f : r.features()) {
                names.add(f.name());
                values.add(f.value());
            }
        }
        return new FeatureVector(
                names, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A stored vector read back; names not in it do not apply (NaN). */
    public static FeatureVector fromMap(List<String> names, Map<String, ? extends Number> stored) {
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            Number n = stored.get(names.get(i));
            v[i] = n == null ? Double.NaN : n.doubleValue();
        }
        return new FeatureVector(names, v);
    }

    /** The value of a feature, or NaN when it does not apply or this vector does not have it. */
    public double get(String name) {
        int i = names.indexOf(name);
        return i < 0 ? Double.NaN : values[i];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                m.put(names.get(i), values[i]);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector f && names.equals(f.names) && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
