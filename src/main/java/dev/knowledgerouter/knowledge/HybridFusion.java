package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses a dense and a BM25 ranking of the same collection into one.
 * <ul>
 *   <li>{@link Kind#RRF}: reciprocal-rank fusion, {@code sum 1 / (k0 + rank)}; {@code parameter} is k0.</li>
 *   <li>{@link Kind#CONVEX}: {@code a * dense + (1 - a) * bm25} after min-max normalising each list
 *       over its candidates; {@code parameter} is a, the dense weight. A document missing from a
 *       list scores 0 there.</li>
 *   <li>{@link Kind#ZSCORE}: the same weighted sum after standardising each list (mean 0, standard
 *       deviation 1 over its candidates); a document missing from a list gets that list's lowest score.</li>
 * </ul>
 */
public record HybridFusion(Kind kind, double parameter) {
    public enum Kind {
        RRF,
        CONVEX,
        ZSCORE
    }

    /**
     * What both stores use unless told otherwise: weighted z-scores, dense weight 0.85. With BM25 at
     * {@link Bm25Params#DEFAULT} it is the one setting of the evaluated grid that beats dense retrieval on
     * both SciFact (prose) and CoSQA (code); SciFact alone prefers a dense weight near 0.6-0.75, which
     * loses to dense on code. See docs/retrieval.md.
     */
    public static final HybridFusion DEFAULT = new HybridFusion(Kind.ZSCORE, 0.85);

    /** A candidate of one ranking: a key (document) and its score in that ranking. */
    public record Scored<K>(K key, double score) {}

    public HybridFusion {
        if (kind != Kind.RRF && (parameter < 0 || parameter > 1)) {
            throw new IllegalArgumentException(
                    "the dense weight of convex fusion is between 0 and 1, got " + parameter);
        }
        if (kind == Kind.RRF && parameter < 0) {
            throw new IllegalArgumentException("the RRF constant must not be negative, got " + parameter);
        }
    }

    /** Fused ranking, best first; each lists is ordered best first. */
    public <K> List<Scored<K>> fuse(List<Scored<K>> dense, List<Scored<K>> bm25) {
        Map<K, Double> fused = new HashMap<>();
        if (kind == Kind.RRF) {
            addRanks(fused, dense);
            addRanks(fused, bm25);
        } else if (kind == Kind.CONVEX) {
            addNormalised(fused, dense, parameter);
            addNormalised(fused, bm25, 1 - parameter);
        } else {
            addStandardised(fused, dense, bm25, parameter);
        }
        List<Scored<K>> out = new ArrayList<>(fused.size());
        fused.forEach((k, s) -> out.add(new Scored<>(k, s)));
        out.sort(Comparator.comparingDouble((Scored<K> s) -> s.score()).reversed());
        return out;
    }

    private <K> void addRanks(Map<K, Double> fused, List<Scored<K>> ranking) {
        for (int i = 0; i < ranking.size(); i++) {
            fused.merge(ranking.get(i).key(), 1.0 / (parameter + i + 1), Double::sum);
        }
    }

    private static <K> void addNormalised(Map<K, Double> fused, List<Scored<K>> ranking, double weight) {
        if (ranking.isEmpty()) {
            return;
        }
        double max = ranking.stream().mapToDouble(Scored::score).max().orElse(0);
        double min = ranking.stream().mapToDouble(Scored::score).min().orElse(0);
        double span = max - min;
        for (Scored<K> s : ranking) {
            double norm = span == 0 ? 1.0 : (s.score() - min) / span;
            fused.merge(s.key(), weight * norm, Double::sum);
        }
    }

    private static <K> void addStandardised(
            Map<K, Double> fused, List<Scored<K>> dense, List<Scored<K>> bm25, double weight) {
        Map<K, Double> d = standardised(dense);
        Map<K, Double> b = standardised(bm25);
        double dMin = d.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double bMin = b.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        Set<K> keys = new HashSet<>(d.keySet());
        keys.addAll(b.keySet());
        for (K key : keys) {
            fused.put(key, weight * d.getOrDefault(key, dMin) + (1 - weight) * b.getOrDefault(key, bMin));
        }
    }

    private static <K> Map<K, Double> standardised(List<Scored<K>> ranking) {
        Map<K, Double> out = new HashMap<>();
        if (ranking.isEmpty()) {
            return out;
        }
        double mean = ranking.stream().mapToDouble(Scored::score).average().orElse(0);
        double var = ranking.stream()
                .mapToDouble(s -> (s.score() - mean) * (s.score() - mean))
                .average()
                .orElse(0);
        double sd = var == 0 ? 1 : Math.sqrt(var);
        ranking.forEach(s -> out.put(s.key(), (s.score() - mean) / sd));
        return out;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RRF -> "rrf(k0=" + (int) parameter + ")";
            case CONVEX -> "convex(dense weight " + parameter + ")";
            case ZSCORE -> "zscore(dense weight " + parameter + ")";
        };
    }
}
