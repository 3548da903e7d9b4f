package dev.knowledgerouter.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * A store that can rank a dense search over several of its collections in one pass instead of one search per
 * collection: the route decision asks every knowledge collection for the best few hits, and one walk of a graph
 * over all of them visits fewer vectors than a walk of each collection's graph. Optional: a store answers empty
 * whenever it cannot (the collections too small for it to pay, what it needs not built yet, a filtered or
 * non-dense request), and the caller searches collection by collection as before.
 */
public interface JointRanking {
    /**
     * The hits a search of each of {@code collections} with {@code request}, merged by score and cut to its
     * {@code k}, would answer, as one ranking (every hit's cosine exact); empty when the store cannot rank them
     * jointly now.
     */
    Optional<RankedHits> rankJointly(List<String> collections, SearchRequest request);

    /**
     * Makes joint ranking of {@code collections} ready now, in the calling thread, when they are large enough for
     * it: for benchmarks, and after a bulk load a caller is about to query. Does nothing when it is ready already.
     */
    void prepareJointly(List<String> collections);
}
