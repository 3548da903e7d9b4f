package dev.knowledgerouter.knowledge.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.OutageSwitch;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.learn.Interaction;
import dev.knowledgerouter.learn.InteractionLog;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox in front of the real Lucene store, with outages injected by an {@link OutageSwitch}.
 * A "process" is a Lucene store and an outbox opened on the same two folders; a restart closes both
 * and opens them again.
 */
class OutboxKnowledgeStoreTest {
    private static final EmbedderIdentity FOUR_D = new EmbedderIdentity("outbox-4d", 4);
    private static final CollectionDefinition NOTES = new CollectionDefinition(
            "notes", "outbox notes", CollectionKind.KNOWLEDGE, List.of("title"), "answer", "title");
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");
    private static final float[] X = {1, 0, 0, 0};
    private static final float[] Y = {0, 1, 0, 0};

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    /** The switch in front of the current process's Lucene store. */
    private OutageSwitch qdrant;

    private OutboxKnowledgeStore store;

    @AfterEach
    void closeTheProcess() {
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------- none lost

    @Test
    void interactionsRecordedDuringAnOutageAreAcknowledgedKeptAcrossARestartAndAllWrittenOnceTheStoreIsBack() {
        EmbedderIdentity bge = EmbedderIdentity.of(TestStack.embedder());
        CollectionDefinition history = CollectionCatalog.load(
                        TestStack.projectDir().resolve("collections"))
                .find(CollectionCatalog.HISTORY)
                .orElseThrow();
        int n = 500;
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queries.add("question " + i + ": why does build " + i + " fail on module " + (i % 17) + "?");
        }
        List<float[]> vectors = TestStack.embedder().embedAll(queries, Embedder.Purpose.QUERY);
        start(bge, history);
        qdrant.down();

        InteractionLog log = new InteractionLog(store);
        for (int i = 0; i < n; i++) {
            log.record(interaction("i-" + i, T0.plusSeconds(i), queries.get(i)), vectors.get(i));
        }
        assertEquals(n, store.pending());
        assertEquals(Optional.of(T0), store.oldestPending());

        store.close();
        store = null;
        start(bge, history);

        assertEquals(0, store.pending(), "the new process flushes what the last one left when it opens the collection");
        assertEquals(n, new InteractionLog(store).count());
        for (int i = 0; i < n; i++) {
            StoredEntry e = store.get(CollectionCatalog.HISTORY, "i-" + i)
                    .orElseThrow(() -> new AssertionError("lost an interaction"));
            assertEquals(queries.get(i), e.payload().get("query"));
            assertEquals(T0.plusSeconds(i), e.timestamp());
        }
        List<SearchHit> hits = store.search(SearchRequest.of(CollectionCatalog.HISTORY, vectors.get(123), 1));
        assertEquals("i-123", hits.getFirst().id(), "the queued vector is the one written");
        assertEquals(Optional.empty(), store.oldestPending());
    }

    @Test
    void aWriteDuringAnOutageReturnsNormallyAndIsInTheStoreAfterTheFlush() {
        startWithTheStoreDown();
        upsert("a", X, "queued");
        assertEquals(1, store.pending());

        qdrant.up();
        assertEquals(1, store.flush());

        assertEquals("queued", title("a"));
        assertEquals(0, store.pending());
    }

    @Test
    void whileTheStoreIsUpWritesGoStraightToItAndNothingIsQueued() throws IOException {
        start(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "direct"), note("b", Y, "direct")));
        assertEquals(1, store.delete("notes", List.of("b", "missing")));

        assertEquals(0, store.pending());
        assertEquals(0, Files.size(dir.resolve("outbox").resolve(Outbox.LOG)));
        assertEquals(1, qdrant.count("notes"));
    }

    @Test
    void aQueuedDeleteReturnsZeroBecauseOnlyTheStoreKnowsWhatExisted() {
        start(FOUR_D, NOTES);
        upsert("a", X, "there");
        qdrant.down();

        assertEquals(OutboxKnowledgeStore.QUEUED, store.delete("notes", List.of("a")));
        assertEquals(0, OutboxKnowledgeStore.QUEUED);
    }

    // ---------------------------------------------------------------- order

    @Test
    void anUpsertThenADeleteOfOneIdDuringAnOutageLeaveItGone() {
        startWithTheStoreDown();
        upsert("a", X, "written");
        store.delete("notes", List.of("a"));

        qdrant.up();
        assertEquals(2, store.flush());

        assertEquals(Optional.empty(), store.get("notes", "a"));
    }

    @Test
    void twoUpsertsOfOneIdDuringAnOutageLeaveTheLaterOne() {
        startWithTheStoreDown();
        upsert("a", X, "first");
        upsert("a", Y, "second");

        qdrant.up();
        store.flush();

        assertEquals("second", title("a"));
    }

    @Test
    void aWriteMadeAfterTheStoreIsBackButBeforeTheFlushLandsBehindTheQueuedOnes() {
        startWithTheStoreDown();
        upsert("a", X, "during the outage");
        upsert("b", X, "during the outage");

        qdrant.up();
        upsert("a", Y, "after the outage");
        store.delete("notes", List.of("b"));
        store.flush();

        assertEquals("after the outage", title("a"));
        assertEquals(Optional.empty(), store.get("notes", "b"));
    }

    @Test
    void aFlushThatMeetsTheOutageAgainKeepsTheRestForTheNextFlush() {
        startWithTheStoreDown();
        queueTenWritesOfFiveNotes();

        qdrant.upFor(4);
        assertEquals(4, store.flush());
        assertEquals(6, store.pending());
        qdrant.up();
        assertEquals(2, store.count("notes"));

        assertEquals(6, store.flush());
        assertEquals(5, store.count("notes"));
        assertEquals(0, store.pending());
    }

    @Test
    void aFlushStoppedByTheOutageKeepsTheRestAcrossARestart() {
        startWithTheStoreDown();
        queueTenWritesOfFiveNotes();
        qdrant.upFor(7);
        assertEquals(7, store.flush());

        restart();

        assertEquals(0, store.pending());
        assertEquals(5, store.count("notes"));
    }

    @Test
    void queuedUpsertsThatFollowEachOtherReachTheStoreAsOneBatchWithTheLaterEntryOfAnIdWinning() {
        startWithTheStoreDown();
        for (int i = 0; i < 10; i++) {
            store.upsert("notes", List.of(note("n" + i, X, "note " + i), note("last", X, "version " + i)));
        }

        qdrant.upFor(1);
        assertEquals(10, store.flush());

        qdrant.up();
        assertEquals(11, store.count("notes"));
        assertEquals("version 9", title("last"));
    }

    // ---------------------------------------------------------------- crashes

    @Test
    void aWriteTornByACrashIsDroppedAndTheWholeOnesBeforeItAreApplied() throws IOException {
        startWithTheStoreDown();
        upsert("a", X, "whole");
        upsert("b", X, "whole");
        upsert("c", X, "torn");
        store.close();
        store = null;
        Path log = dir.resolve("outbox").resolve(Outbox.LOG);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 40);
        }

        start(FOUR_D, NOTES);

        assertEquals(0, store.pending());
        assertEquals("whole", title("a"));
        assertEquals("whole", title("b"));
        assertEquals(Optional.empty(), store.get("notes", "c"));
    }

    // ---------------------------------------------------------------- refused, not queued

    @Test
    void aVectorOfTheWrongDimensionIsRefusedDuringAnOutageNotQueued() {
        startWithTheStoreDown();

        Entry threeD = new Entry("bad", Map.of("title", "t"), new float[] {1, 0, 0}, T0);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> store.upsert("notes", List.of(note("ok", X, "ok"), threeD)));

        assertTrue(
                e.getMessage().contains("'bad'")
                        && e.getMessage().contains("3-d")
                        && e.getMessage().contains("4-d"),
                e.getMessage());
        assertEquals(0, store.pending());
    }

    @Test
    void anUnknownCollectionIsRefusedDuringAnOutageNotQueued() {
        startWithTheStoreDown();

        UnknownCollectionException upsert =
                assertThrows(UnknownCollectionException.class, () -> store.upsert("nope", List.of(note("a", X, "t"))));
        assertThrows(UnknownCollectionException.class, () -> store.delete("nope", List.of("a")));

        assertTrue(
                upsert.getMessage().contains("'nope'") && upsert.getMessage().contains("notes"), upsert.getMessage());
        assertEquals(0, store.pending());
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedBehindQueuedWritesNotQueued() {
        startWithTheStoreDown();
        upsert("a", X, "queued");

        Map<String, Object> payload = new LinkedHashMap<>(Map.of("title", "t"));
        payload.put("thing", new Object());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> store.upsert("notes", List.of(new Entry("b", payload, X, T0))));

        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertEquals(1, store.pending());
    }

    @Test
    void aQueuedWriteTheStoreRefusesForGoodIsSetAsideNotDroppedAndTheRestIsApplied() throws IOException {
        startWithTheStoreDown();
        upsert("a", X, "by outbox-4d");
        store.close();
        store = null;
        // The next process runs another embedder, over a store filled by it.
        EmbedderIdentity other = new EmbedderIdentity("other-4d", 4);
        Path otherStore = dir.resolve("other-store");
        qdrant = new OutageSwitch(new LuceneKnowledgeStore(otherStore, other));
        store = new OutboxKnowledgeStore(qdrant, dir.resolve("outbox"), clock);
        store.open(NOTES);
        upsert("b", Y, "by other-4d");

        assertEquals(0, store.pending());
        assertEquals(Optional.empty(), store.get("notes", "a"));
        assertEquals("by other-4d", title("b"));
        String rejected = Files.readString(dir.resolve("outbox").resolve(Outbox.REJECTED));
        assertTrue(
                rejected.contains("\"id\":\"a\"") && rejected.contains("outbox-4d") && rejected.contains("other-4d"),
                rejected);
    }

    // ---------------------------------------------------------------- reads and updates

    @Test
    void readsDuringAnOutageFailAsUnavailable() {
        start(FOUR_D, NOTES);
        upsert("a", X, "there");
        qdrant.down();

        assertThrows(StoreUnavailableException.class, () -> store.get("notes", "a"));
        assertThrows(StoreUnavailableException.class, () -> store.count("notes"));
        assertThrows(StoreUnavailableException.class, () -> store.search(SearchRequest.of("notes", X, 1)));
        assertThrows(StoreUnavailableException.class, () -> store.scan("notes", Instant.MIN, Instant.MAX, e -> {}));
        assertThrows(StoreUnavailableException.class, () -> store.updatePayload("notes", "a", p -> p));
    }

    @Test
    void aPayloadUpdateAfterTheOutageChangesTheEntryAsQueuedNotAnOlderOne() {
        start(FOUR_D, NOTES);
        upsert("a", X, "before the outage");
        qdrant.down();
        upsert("a", X, "during the outage");

        qdrant.up();
        Optional<StoredEntry> updated = store.updatePayload("notes", "a", p -> {
            p.put("answer", "rated");
            return p;
        });

        assertEquals("during the outage", updated.orElseThrow().payload().get("title"));
        store.flush();
        assertEquals(
                "rated",
                store.get("notes", "a").orElseThrow().payload().get("answer"),
                "a later flush does not undo the update");
    }

    @Test
    void aPayloadUpdateFailsAsUnavailableWhileQueuedWritesCannotBeFlushed() {
        start(FOUR_D, NOTES);
        upsert("a", X, "before");
        qdrant.down();
        upsert("a", X, "queued");
        qdrant.upFor(0);

        assertThrows(StoreUnavailableException.class, () -> store.updatePayload("notes", "a", p -> p));
        assertEquals(1, store.pending());
    }

    // ---------------------------------------------------------------- flushing

    @Test
    void queuedWritesToACollectionNotOpenedYetWaitForItToBeOpened() {
        startWithTheStoreDown();
        upsert("a", X, "queued");
        store.close();
        store = null;

        qdrant = new OutageSwitch(new LuceneKnowledgeStore(dir.resolve("store"), FOUR_D));
        store = new OutboxKnowledgeStore(qdrant, dir.resolve("outbox"), clock);
        assertEquals(0, store.flush());
        assertEquals(1, store.pending());

        store.open(NOTES);
        assertEquals(0, store.pending());
        assertEquals("queued", title("a"));
    }

    @Test
    void theBackgroundFlusherWritesWhatIsQueued() throws InterruptedException {
        start(FOUR_D, NOTES);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        store.startFlushing(scheduler, Duration.ofHours(1));
        qdrant.down();
        upsert("a", X, "first");
        qdrant.up();

        upsert("a", Y, "second");
        // Shutting down runs the flushes writes handed to the scheduler, and drops the hourly one.
        scheduler.shutdown();
        assertTrue(scheduler.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(0, store.pending());
        assertEquals("second", title("a"));
    }

    @Test
    void writesDuringALongOutageLeaveOneFlushWaitingOnTheSchedulerNotOneEach() throws InterruptedException {
        start(FOUR_D, NOTES);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            store.startFlushing(scheduler, Duration.ofHours(1));
            // The flusher's thread is busy, as it is while a flush waits for an unreachable store to time out.
            CountDownLatch busy = new CountDownLatch(1);
            scheduler.execute(() -> {
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            qdrant.down();
            for (int i = 0; i < 100; i++) {
                upsert("n" + i, X, "note " + i);
            }
            assertEquals(2, scheduler.getQueue().size(), "the hourly flush and one requested");
            busy.countDown();
        } finally {
            scheduler.shutdownNow();
            assertTrue(scheduler.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(100, store.pending());
    }

    @Test
    void oldestPendingIsWhenTheOldestWaitingWriteWasQueued() {
        start(FOUR_D, NOTES);
        assertEquals(Optional.empty(), store.oldestPending());
        qdrant.down();
        upsert("a", X, "first");
        clock.advance(Duration.ofMinutes(5));
        store.delete("notes", List.of("a"));

        assertEquals(Optional.of(T0), store.oldestPending());
        qdrant.upFor(1);
        store.flush();
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(5))), store.oldestPending());
    }

    @Test
    void concurrentWritersFlushesAndOutagesLoseNothingAndKeepEachWritersOrder() throws Exception {
        start(FOUR_D, NOTES);
        int writers = 4;
        int writes = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String name = "w" + w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < writes; i++) {
                        store.upsert("notes", List.of(note(name + "-" + i, X, "entry"), note(name, X, "version " + i)));
                    }
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    if (i % 2 == 0) {
                        qdrant.down();
                    } else {
                        qdrant.up();
                    }
                    store.flush();
                }
            }));
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        qdrant.up();
        store.flush();
        assertEquals(0, store.pending());
        assertEquals(writers * (writes + 1), store.count("notes"));
        for (int w = 0; w < writers; w++) {
            assertEquals("version " + (writes - 1), title("w" + w));
        }
    }

    @Test
    void closingKeepsQueuedWritesOnDiskAndASecondOpenOfTheOutboxIsRefused() {
        startWithTheStoreDown();
        upsert("a", X, "queued");

        assertThrows(StoreLockedException.class, () -> Outbox.open(dir.resolve("outbox"), clock));
        store.close();
        store = null;
        try (Outbox outbox = Outbox.open(dir.resolve("outbox"), clock)) {
            assertEquals(1, outbox.pending());
            PendingWrite.Upsert queued =
                    (PendingWrite.Upsert) outbox.first().orElseThrow().write();
            assertArrayEquals(X, queued.entries().getFirst().vector());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A process whose store is up, with the collections opened. */
    private void start(EmbedderIdentity identity, CollectionDefinition... collections) {
        qdrant = new OutageSwitch(new LuceneKnowledgeStore(dir.resolve("store"), identity));
        store = new OutboxKnowledgeStore(qdrant, dir.resolve("outbox"), clock);
        for (CollectionDefinition c : collections) {
            store.open(c);
        }
    }

    private void startWithTheStoreDown() {
        start(FOUR_D, NOTES);
        qdrant.down();
    }

    private void restart() {
        EmbedderIdentity identity = store.embedder();
        List<CollectionDefinition> collections = store.collections();
        store.close();
        store = null;
        start(identity, collections.toArray(CollectionDefinition[]::new));
    }

    /** Five upserts, each followed by a delete, so that every write is a call of its own. */
    private void queueTenWritesOfFiveNotes() {
        for (int i = 0; i < 5; i++) {
            upsert("n" + i, X, "note " + i);
            store.delete("notes", List.of("never-written-" + i));
        }
    }

    private void upsert(String id, float[] vector, String title) {
        store.upsert("notes", List.of(note(id, vector, title)));
    }

    private String title(String id) {
        return (String) store.get("notes", id)
                .orElseThrow(() -> new AssertionError("no entry " + id))
                .payload()
                .get("title");
    }

    private static Entry note(String id, float[] vector, String title) {
        return new Entry(id, Map.of("title", title), vector, T0);
    }

    private static Interaction interaction(String id, Instant at, String query) {
        return Interaction.builder(id, at, query)
                .answer("answer to " + query)
                .routedTo("local")
                .answeredBy("local")
                .model("llama3")
                .profile("default")
                .taskType("debugging")
                .relevance(0.7)
                .complexity(2)
                .reason("similar questions were answered locally")
                .reasons(List.of("relevance 0.70"))
                .status("ok")
                .build();
    }
}
