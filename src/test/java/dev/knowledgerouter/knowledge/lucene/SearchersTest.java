package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes are acknowledged without refreshing the searchers: a search that allows no staleness sees every
 * acknowledged write, one with an allowance sees every write acknowledged at least that long before it once
 * the refresh it found due has run in the background. Checkpoints run there too.
 */
class SearchersTest {
    private static final float[] QUERY = {1, 0, 0, 0};
    private static final Duration ALLOWANCE = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    /** The refreshes and checkpoints the store leaves to its background, run when a test says so. */
    private final List<Runnable> upkeep = new ArrayList<>();

    private LuceneKnowledgeStore store;

    @BeforeEach
    void openStore() {
        store = new LuceneKnowledgeStore(
                dir, LuceneKnowledgeStoreTest.FOUR_D, HybridFusion.DEFAULT, Bm25Params.DEFAULT, clock, upkeep::add);
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
    void aSearchWithAnAllowanceLeavesTheDueRefreshToTheBackgroundAndDoesNotWait() {
        store.upsert("notes", List.of(note("a")));
        assertEquals(List.of("a"), ids(search()));
        store.upsert("notes", List.of(note("b")));
        clock.advance(ALLOWANCE);

        assertEquals(List.of("a"), ids(search().withStaleness(ALLOWANCE)));
        ids(search().withStaleness(ALLOWANCE));

        assertEquals(1, upkeep.size(), "one refresh queued, however many readers found it due");
    }

    @Test
    void aSearchWithAnAllowanceSeesEveryWriteOlderThanItOnceTheDueRefreshHasRun() {
        store.upsert("notes", List.of(note("a")));
        assertEquals(List.of("a"), ids(search()));
        store.upsert("notes", List.of(note("b")));
        clock.advance(ALLOWANCE);
        ids(search().withStaleness(ALLOWANCE));

        upkeep.removeFirst().run();

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

    @Test
    void aWritePastTheCheckpointLineLeavesTheCommitToTheBackground() throws Exception {
        String body = "x".repeat(1 << 20);
        for (int i = 0; i < 17; i++) {
            store.upsert(
                    "notes",
                    List.of(new Entry("big-" + i, Map.of("title", "big", "body", body), QUERY, Instant.EPOCH)));
        }
        assertEquals(1, upkeep.size(), "the checkpoint is queued once");
        assertTrue(logBytes() >= 16L << 20, "the log still holds every write");

        upkeep.removeFirst().run();

        assertEquals(0, logBytes(), "the commit covers the log, which is dropped");
        assertEquals(17, store.count("notes"));
    }

    private long logBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("notes"))) {
            long total = 0;
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("wal-"))
                    .toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }
}
