package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HitSelectionTest {
    /** A ranked candidate: its id and its cosine with the query. */
    record Candidate(String id, double cosine) {}

    static final float[] QUERY = {1, 0};

    static SearchRequest request(SearchMode mode, int k, double minScore) {
        return new SearchRequest("notes", QUERY, "a query", mode, k, minScore, Map.of());
    }

    static List<String> select(SearchRequest request, Candidate... ranked) {
        return ids(
                HitSelection.firstAboveThreshold(request, List.of(ranked), Candidate::cosine, HitSelectionTest::hit));
    }

    static SearchHit hit(Candidate c, double cosine) {
        return new SearchHit("notes", c.id(), cosine, Map.of(), Instant.EPOCH);
    }

    static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    @Test
    void eachRankingFetchesFiveTimesKButAtLeastTenCandidates() {
        assertEquals(10, HitSelection.candidates(request(SearchMode.DENSE, 1, -1)));
        assertEquals(10, HitSelection.candidates(request(SearchMode.DENSE, 2, -1)));
        assertEquals(15, HitSelection.candidates(request(SearchMode.HYBRID, 3, -1)));
    }

    @Test
    void aLargeCollectionIsSearchedWiderSoRecallHoldsAsTheGraphGrows() {
        SearchRequest five = request(SearchMode.DENSE, 5, -1);

        assertEquals(25, HitSelection.candidates(five, 199_999));
        assertEquals(50, HitSelection.candidates(five, 200_000));
        assertEquals(100, HitSelection.candidates(five, 1_000_000));
        assertEquals(125, HitSelection.candidates(request(SearchMode.DENSE, 25, -1), 1_000_000));
    }

    @Test
    void keepsTheFirstKCandidatesWhoseCosineReachesTheMinimumInRankedOrder() {
        List<String> kept = select(
                request(SearchMode.BM25, 2, 0.5),
                new Candidate("a", 0.9),
                new Candidate("b", 0.2),
                new Candidate("c", 0.5),
                new Candidate("d", 0.8));
        assertEquals(List.of("a", "c"), kept);
    }

    @Test
    void aDenseRankingEndsAtItsFirstCandidateBelowTheMinimum() {
        SearchRequest dense = request(SearchMode.DENSE, 3, 0.5);
        SearchRequest hybrid = request(SearchMode.HYBRID, 3, 0.5);
        Candidate[] ranked = {new Candidate("a", 0.9), new Candidate("b", 0.4), new Candidate("c", 0.7)};
        assertEquals(List.of("a"), select(dense, ranked));
        assertEquals(List.of("a", "c"), select(hybrid, ranked), "a fused ranking is not by cosine: walk on");
    }

    @Test
    void withoutAMinimumTheFirstKAreKept() {
        List<String> kept = select(
                request(SearchMode.DENSE, 2, -1),
                new Candidate("a", 0.1),
                new Candidate("b", -0.3),
                new Candidate("c", -0.9));
        assertEquals(List.of("a", "b"), kept);
    }

    @Test
    void theCosineIsAskedOnlyOfTheCandidatesLookedAt() {
        List<String> asked = new ArrayList<>();
        List<SearchHit> hits = HitSelection.firstAboveThreshold(
                request(SearchMode.BM25, 1, 0.5),
                List.of(new Candidate("a", 0.1), new Candidate("b", 0.6), new Candidate("c", 0.9)),
                c -> {
                    asked.add(c.id());
                    return c.cosine();
                },
                HitSelectionTest::hit);
        assertEquals(List.of("b"), ids(hits));
        assertEquals(List.of("a", "b"), asked);
    }

    @Test
    void aHitCarriesTheCosineItWasKeptFor() {
        List<SearchHit> hits = HitSelection.firstAboveThreshold(
                request(SearchMode.BM25, 1, 0.5),
                List.of(new Candidate("a", 0.75)),
                Candidate::cosine,
                (c, cosine) -> new SearchHit("notes", c.id(), cosine, 12.5, Map.of(), Instant.EPOCH));
        assertEquals(0.75, hits.getFirst().score());
        assertEquals(12.5, hits.getFirst().rankScore());
    }
}
