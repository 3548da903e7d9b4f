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
        return Math.max(request.k() * OVERFETCH, MIN_CANDIDATES);
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
