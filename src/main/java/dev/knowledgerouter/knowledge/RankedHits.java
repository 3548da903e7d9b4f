package dev.knowledgerouter.knowledge;

import java.util.List;

/**
 * The hits of one search, ranked and cut to the request's {@code k} and cosine minimum exactly as
 * {@link KnowledgeStore#search} would, but read (payload and timestamp) only when asked for: a caller that
 * keeps the best few of several collections' hits reads only those, because decoding a stored payload costs
 * more than ranking it. Holds the store's view of the collection, so close it once the hits it needs are read.
 */
public interface RankedHits extends AutoCloseable {
    /** How many hits the search kept. */
    int size();

    /** What hit {@code i} (best first) was ranked by; comparable only within one search mode. */
    double rankScore(int i);

    /** Hit {@code i}, read from the store. */
    SearchHit read(int i);

    @Override
    void close();

    /** Hits already read, for stores that cannot rank without reading. */
    static RankedHits of(List<SearchHit> hits) {
        return new RankedHits() {
            @Override
            public int size() {
                return hits.size();
            }

            @Override
            public double rankScore(int i) {
                return hits.get(i).rankScore();
            }

            @Override
            public SearchHit read(int i) {
                return hits.get(i);
            }

            @Override
            public void close() {}
        };
    }
}
