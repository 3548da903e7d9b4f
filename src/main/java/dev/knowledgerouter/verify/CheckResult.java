package dev.knowledgerouter.verify;

import java.util.List;

/**
 * What one check found: its features (always, also when nothing is wrong, so the verifier and the
 * learning loop see every answer the same way), whether it found a problem, and the problem in words
 * (empty when it found none).
 */
public record CheckResult(String check, boolean failed, String reason, List<Feature> features) {
    public CheckResult {
        features = List.copyOf(features);
        reason = reason == null ? "" : reason;
    }

    public static CheckResult passed(String check, List<Feature> features) {
        return new CheckResult(check, false, "", features);
    }

    public static CheckResult failed(String check, String reason, List<Feature> features) {
        return new CheckResult(check, true, reason, features);
    }

    /** A result that fails when {@code failed} holds, with {@code reason}; passes otherwise. */
    public static CheckResult of(String check, boolean failed, String reason, List<Feature> features) {
        return failed ? failed(check, reason, features) : passed(check, features);
    }

    public double feature(String name) {
        return features.stream()
                .filter(f -> f.name().equals(name))
                .mapToDouble(Feature::value)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(check + " has no feature " + name));
    }
}
