package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
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
    void aFailureOfTheSearchAlongsideReachesTheCaller() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> search.searchAllAlongside(search.knowledgeCollections(), vector, 5, () -> {
                    throw new IllegalStateException("history unavailable");
                }));

        assertEquals("history unavailable", e.getMessage());
    }
}
