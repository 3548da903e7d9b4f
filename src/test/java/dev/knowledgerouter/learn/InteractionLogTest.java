package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.TestStack;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest interactions, newest first, read from windows of growing length back from now. */
class InteractionLogTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    LuceneKnowledgeStore lucene;
    /** The windows the log asked the store to scan, in order. */
    final List<Instant[]> scans = new ArrayList<>();

    InteractionLog log;

    @BeforeEach
    void open() {
        lucene = new LuceneKnowledgeStore(dir, new EmbedderIdentity("test-2d", 2));
        CollectionCatalog.load(TestStack.projectDir().resolve("collections"))
                .find(CollectionCatalog.HISTORY)
                .ifPresent(lucene::open);
        KnowledgeStore counting = (KnowledgeStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KnowledgeStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scan")) {
                        scans.add(new Instant[] {(Instant) args[1], (Instant) args[2]});
                    }
                    try {
                        return method.invoke(lucene, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        log = new InteractionLog(counting);
        store("just-now", NOW);
        store("a-second-ago", NOW.minusSeconds(1));
        store("five-minutes-ago", NOW.minus(Duration.ofMinutes(5)));
        store("three-hours-ago", NOW.minus(Duration.ofHours(3)));
        store("two-days-ago", NOW.minus(Duration.ofDays(2)));
        store("200-days-ago", NOW.minus(Duration.ofDays(200)));
        store("400-days-ago", NOW.minus(Duration.ofDays(400)));
        store("in-an-hour", NOW.plus(Duration.ofHours(1)));
    }

    @AfterEach
    void close() {
        lucene.close();
    }

    void store(String id, Instant at) {
        lucene.upsert(
                CollectionCatalog.HISTORY,
                List.of(new Entry(id, Map.of("query", "q " + id, "outcome", "success"), new float[] {1, 0}, at)));
    }

    List<String> ids(List<StoredEntry> entries) {
        return entries.stream().map(StoredEntry::id).toList();
    }

    @Test
    void theLatestComeNewestFirstAndAFullFirstWindowIsTheOnlyOneRead() {
        assertEquals(List.of("just-now", "a-second-ago"), ids(log.recent(2, NOW)));
        assertEquals(1, scans.size(), "two entries in the last ten minutes: no older window is read");
        assertEquals(NOW.minus(Duration.ofMinutes(10)), scans.get(0)[0]);
    }

    @Test
    void olderWindowsAreReadOnlyUntilTheLimitIsReached() {
        assertEquals(
                List.of("just-now", "a-second-ago", "five-minutes-ago", "three-hours-ago"), ids(log.recent(4, NOW)));
        // 10 min, 1 h, 6 h: the third window holds the fourth entry.
        assertEquals(3, scans.size());
        for (int i = 1; i < scans.size(); i++) {
            assertEquals(
                    scans.get(i - 1)[0],
                    scans.get(i)[1],
                    "each window ends where the newer one began: nothing is read twice");
        }
    }

    @Test
    void aQuietHistoryIsReadBackToTheHorizonAndNoFurtherNorIntoTheFuture() {
        assertEquals(
                List.of(
                        "just-now",
                        "a-second-ago",
                        "five-minutes-ago",
                        "three-hours-ago",
                        "two-days-ago",
                        "200-days-ago"),
                ids(log.recent(50, NOW)));
        assertEquals(NOW.minus(InteractionLog.RECENT_HORIZON), scans.get(scans.size() - 1)[0]);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> log.recent(0, NOW));
    }
}
