package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * What every store does between ranking candidates and answering a {@link SearchRequest}: it asks each
 * ranking (dense, BM25) for more candidates than the request's {@code k}, because HNSW is approximate and
 * candidates below the request's cosine threshold are dropped, then keeps the first {@code k} candidates
 * whose cosine reaches the threshold, in ranked order.
 */
public final class HitSelection {
    /**
     * Candidates fetched per hit asked for. HNSW is approximate; asking it for more candidates than
     * needed buys recall cheaply.
     */
    public static final int OVERFETCH = 5;

    private static final int MIN_CANDIDATES = 10;

    /**
     * HNSW's recall at a fixed breadth falls as a graph grows, so a large collection is searched wider. Measured
     * with {@code kr bench scale} (generated vectors, recall@5 against exact search): 25 candidates find 0.979
     * at 100k entries, 0.953 at 250k and 0.834 at 1M; 50 find 0.991 at 250k and 0.94 at 1M; 100 find 0.992 at 1M.
     * Each step costs about 0.1-0.2 ms a search (docs/benchmarks.md); larger than 1M is not measured.
     */
    private static final long WIDER_FROM_ENTRIES = 200_000;

    private static final int WIDER_CANDIDATES = 50;
    private static final long WIDEST_FROM_ENTRIES = 500_000;
    private static final int WIDEST_CANDIDATES = 100;

    /** The cosine of a candidate; may read it from the store, so it is asked only of candidates looked at. */
    @FunctionalInterface
    public interface CosineOf<C, X extends Exception> {
        double cosine(C candidate) throws X;
    }

    /** The hit a kept candidate becomes, carrying its cosine (a {@link SearchHit}, or what one is read from later). */
    @FunctionalInterface
    public interface HitOf<C, H, X extends Exception> {
        H hit(C candidate, double cosine) throws X;
    }

    private HitSelection() {}

    /** How many candidates each ranking fetches for {@code request}. */
    public static int candidates(SearchRequest request) {
        return candidates(request.k(), 0);
    }

    /** As {@link #candidates(SearchRequest)}, widened for a collection of {@code entries} where recall needs it. */
    public static int candidates(SearchRequest request, long entries) {
        return candidates(request.k(), entries);
    }

    /** The candidates a search for {@code k} hits in a collection of {@code entries} fetches. */
    public static int candidates(int k, long entries) {
        int breadth = entries >= WIDEST_FROM_ENTRIES
                ? WIDEST_CANDIDATES
                : entries >= WIDER_FROM_ENTRIES ? WIDER_CANDIDATES : MIN_CANDIDATES;
        return Math.max(k * OVERFETCH, breadth);
    }

    /**
     * The first {@code k} of {@code ranked} (best first) whose cosine reaches the request's minimum. A dense
     * ranking is ordered by cosine, so there the first candidate below the minimum ends the selection; a BM25
     * or fused ranking is not, and its later candidates are still looked at.
     */
    public static <C, H, X extends Exception> List<H> firstAboveThreshold(
            SearchRequest request, List<C> ranked, CosineOf<C, X> cosine, HitOf<C, H, X> hit) throws X {
        List<H> hits = new ArrayList<>(Math.min(request.k(), ranked.size()));
        for (C candidate : ranked) {
            if (hits.size() == request.k()) {
                break;
            }
            double c = cosine.cosine(candidate);
            if (c < request.minScore()) {
                if (request.mode() == SearchMode.DENSE) {
                    break;
                }
                continue;
            }
            hits.add(hit.hit(candidate, c));
        }
        return hits;
    }
}
