package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes are acknowledged without refreshing the searchers: a search that allows no staleness sees every
 * acknowledged write, one with an allowance sees every write acknowledged at least that long before it.
 */
class SearchersTest {
    private static final float[] QUERY = {1, 0, 0, 0};
    private static final Duration ALLOWANCE = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private LuceneKnowledgeStore store;

    @BeforeEach
    void openStore() {
        store = new LuceneKnowledgeStore(
                dir, LuceneKnowledgeStoreTest.FOUR_D, HybridFusion.DEFAULT, Bm25Params.DEFAULT, clock);
        store.open(LuceneKnowledgeStoreTest.NOTES);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Entry note(String id) {
        return new Entry(id, Map.of("title", id, "body", "about " + id), new float[] {1, 0, 0, 0}, Instant.EPOCH);
    }

    private List<String> ids(SearchRequest request) {
        return store.search(request).stream().map(SearchHit::id).toList();
    }

    private static SearchRequest search() {
        return SearchRequest.of("notes", QUERY, 10);
    }

    @Test
    void aSearchWithoutAllowanceSeesEveryAcknowledgedWrite() {
        store.upsert("notes", List.of(note("a")));
        assertEquals(List.of("a"), ids(search()));

        store.upsert("notes", List.of(note("b")));

        assertEquals(2, ids(search()).size());
    }

    @Test
    void aSearchWithAnAllowanceMayMissAWriteYoungerThanIt() {
        store.upsert("notes", List.of(note("a")));
        assertEquals(List.of("a"), ids(search()));

        store.upsert("notes", List.of(note("b")));
        clock.advance(ALLOWANCE.minusMillis(1));

        assertEquals(List.of("a"), ids(search().withStaleness(ALLOWANCE)));
    }

    @Test
    void aSearchWithAnAllowanceSeesEveryWriteOlderThanIt() {
        store.upsert("notes", List.of(note("a")));
        assertEquals(List.of("a"), ids(search()));

        store.upsert("notes", List.of(note("b")));
        clock.advance(ALLOWANCE);

        assertEquals(2, ids(search().withStaleness(ALLOWANCE)).size());
    }

    @Test
    void readsByIdAndCountsSeeEveryAcknowledgedWriteWhileSearchesAllowStaleness() {
        store.upsert("notes", List.of(note("a")));
        ids(search().withStaleness(ALLOWANCE));

        store.upsert("notes", List.of(note("b")));

        assertTrue(store.get("notes", "b").isPresent());
        assertEquals(2, store.count("notes"));
    }

    @Test
    void aFreshReadMakesTheWriteVisibleToLaterSearchesWithAnAllowance() {
        store.upsert("notes", List.of(note("a")));
        ids(search());
        store.upsert("notes", List.of(note("b")));

        store.get("notes", "b");

        assertEquals(2, ids(search().withStaleness(ALLOWANCE)).size());
    }

    @Test
    void anUpdatedPayloadIsWhatTheNextSearchReads() {
        store.upsert("notes", List.of(note("a")));
        ids(search().withStaleness(ALLOWANCE));

        store.updatePayload("notes", "a", p -> {
            p.put("title", "rated");
            return p;
        });

        assertEquals("rated", store.search(search()).getFirst().payload().get("title"));
    }

    @Test
    void aDeletedEntryIsGoneForTheNextSearch() {
        store.upsert("notes", List.of(note("a"), note("b")));
        ids(search());

        store.delete("notes", List.of("a"));

        assertEquals(List.of("b"), ids(search()));
    }
}
