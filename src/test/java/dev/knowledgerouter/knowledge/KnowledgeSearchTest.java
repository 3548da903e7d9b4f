package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.testing.ReadCountingStore;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching the knowledge collections together with another search, on the seeded embedded store. */
class KnowledgeSearchTest {
    @TempDir
    Path home;

    App app;
    KnowledgeSearch search;
    float[] vector;

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        search = new KnowledgeSearch(app.store());
        vector = TestStack.embedder().embed("docker compose port is already allocated", Embedder.Purpose.QUERY);
    }

    @AfterEach
    void close() {
        search.close();
        app.close();
    }

    private static List<String> keys(List<SearchHit> hits) {
        return hits.stream().map(h -> h.collection() + "/" + h.id()).toList();
    }

    @Test
    void theCollectionsSearchedAlongsideAnotherSearchGiveTheSameHitsAsAlone() {
        List<String> collections = search.knowledgeCollections();

        KnowledgeSearch.Together<List<SearchHit>> together = search.searchAllAlongside(
                collections,
                vector,
                5,
                () -> app.store().search(SearchRequest.of(CollectionCatalog.HISTORY, vector, 5)));

        List<SearchHit> alone = search.searchAll(collections, vector, 5);
        assertFalse(alone.isEmpty(), "the seed data answers this question");
        assertEquals(
                alone.stream().map(h -> h.collection() + "/" + h.id()).toList(),
                together.hits().stream().map(h -> h.collection() + "/" + h.id()).toList());
        assertEquals(List.of(), together.alongside(), "the history is empty");
    }

    @Test
    void searchingSeveralCollectionsReadsOnlyTheHitsItReturns() {
        ReadCountingStore counting = new ReadCountingStore(app.store());
        try (KnowledgeSearch countingSearch = new KnowledgeSearch(counting)) {
            List<SearchHit> hits = countingSearch.searchAll(search.knowledgeCollections(), vector, 2);

            assertEquals(2, hits.size());
            assertTrue(counting.ranked() > 2, "every collection ranked hits: " + counting.ranked());
            assertEquals(2, counting.read());
        }
    }

    @Test
    void theHitsReadAreTheBestOfEveryCollectionsOwnSearch() {
        List<String> collections = search.knowledgeCollections();
        List<SearchHit> each = collections.stream()
                .flatMap(c -> app.store().search(SearchRequest.of(c, vector, 5)).stream())
                .sorted(Comparator.comparingDouble(SearchHit::rankScore).reversed())
                .limit(5)
                .toList();

        List<SearchHit> together = search.searchAll(collections, vector, 5);

        assertEquals(keys(each), keys(together));
        assertEquals(
                each.stream().map(SearchHit::payload).toList(),
                together.stream().map(SearchHit::payload).toList());
    }

    @Test
    void aFailureOfTheSearchAlongsideReachesTheCaller() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> search.searchAllAlongside(search.knowledgeCollections(), vector, 5, () -> {
                    throw new IllegalStateException("history unavailable");
                }));

        assertEquals("history unavailable", e.getMessage());
    }

    @Test
    void aKnowledgeCollectionOpenedAfterTheFirstSearchIsSearchedFromThenOn() {
        List<String> before = search.knowledgeCollections();
        CollectionDefinition runbooks = new CollectionDefinition(
                "runbooks", "on-call runbooks", CollectionKind.KNOWLEDGE, List.of("text"), "text", "text", List.of());

        app.store().open(runbooks);

        List<String> after = search.knowledgeCollections();
        assertFalse(before.contains("runbooks"));
        assertEquals(before.size() + 1, after.size());
        assertTrue(after.contains("runbooks"), after.toString());
    }
}
