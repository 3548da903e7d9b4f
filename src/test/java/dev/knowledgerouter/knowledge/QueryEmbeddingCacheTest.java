package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knowledgerouter.testing.TestStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory cache of query vectors, over the real in-process embedder. */
class QueryEmbeddingCacheTest {
    private final Embedder model = TestStack.embedder();

    private static QueryEmbeddingCache cache(Embedder model, int capacity) {
        return (QueryEmbeddingCache) QueryEmbeddingCache.over(model, capacity);
    }

    @Test
    void theSameQueryTextAskedAgainGetsTheModelsVectorWithoutRunningTheModel() {
        QueryEmbeddingCache cache = cache(model, 8);
        String q = "mvn fails with PKIX path building failed";

        float[] first = cache.embed(q, Embedder.Purpose.QUERY);
        float[] again = cache.embed(q, Embedder.Purpose.QUERY);

        assertArrayEquals(model.embed(q, Embedder.Purpose.QUERY), first);
        assertArrayEquals(first, again);
        assertEquals(new QueryEmbeddingCache.Counts(1, 1, 1), cache.counts());
    }

    @Test
    void onlyTheExactTextMatches() {
        QueryEmbeddingCache cache = cache(model, 8);

        cache.embed("git rebase onto main", Embedder.Purpose.QUERY);
        cache.embed("Git rebase onto main", Embedder.Purpose.QUERY);
        cache.embed("git rebase onto main ", Embedder.Purpose.QUERY);

        assertEquals(new QueryEmbeddingCache.Counts(0, 3, 3), cache.counts());
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedTextIsForgotten() {
        QueryEmbeddingCache cache = cache(model, 2);
        cache.embed("first question", Embedder.Purpose.QUERY);
        cache.embed("second question", Embedder.Purpose.QUERY);
        cache.embed("first question", Embedder.Purpose.QUERY); // now the second is the least recently used

        cache.embed("third question", Embedder.Purpose.QUERY);
        cache.embed("first question", Embedder.Purpose.QUERY);
        cache.embed("second question", Embedder.Purpose.QUERY);

        // misses: first, second, third, second again; hits: first twice
        assertEquals(new QueryEmbeddingCache.Counts(2, 4, 2), cache.counts());
    }

    @Test
    void documentsAreEmbeddedByTheModelEveryTimeAndNeverKept() {
        QueryEmbeddingCache cache = cache(model, 8);
        String text = "Maven needs the corporate CA in the JDK trust store";

        float[] one = cache.embed(text, Embedder.Purpose.DOCUMENT);
        List<float[]> all = cache.embedAll(List.of(text), Embedder.Purpose.DOCUMENT);

        assertArrayEquals(model.embed(text, Embedder.Purpose.DOCUMENT), one);
        assertArrayEquals(one, all.getFirst());
        assertEquals(new QueryEmbeddingCache.Counts(0, 0, 0), cache.counts());
    }

    @Test
    void aCallerChangingItsVectorDoesNotChangeWhatTheNextCallerGets() {
        QueryEmbeddingCache cache = cache(model, 8);
        String q = "docker permission denied on the socket";
        float[] expected = model.embed(q, Embedder.Purpose.QUERY);

        cache.embed(q, Embedder.Purpose.QUERY)[0] = 42f;

        assertArrayEquals(expected, cache.embed(q, Embedder.Purpose.QUERY));
    }

    @Test
    void aCapacityOfZeroIsTheEmbedderItselfAndANegativeOneIsRefused() {
        assertSame(model, QueryEmbeddingCache.over(model, 0));
        assertThrows(IllegalArgumentException.class, () -> QueryEmbeddingCache.over(model, -1));
    }
}
