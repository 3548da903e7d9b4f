package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.VectorMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write is acknowledged once its log record is forced, writers waiting at the same time share one
 * force, and the records after the last Lucene commit are replayed when the collection opens. A crash is
 * a copy of the index folder taken while the store is open: what the disk holds at that moment.
 */
class WriteAheadLogTest {
    static final EmbedderIdentity FOUR_D = new EmbedderIdentity("contract-4d", 4);
    static final CollectionDefinition NOTES = new CollectionDefinition(
            "notes", "test notes", CollectionKind.KNOWLEDGE, List.of("title", "body"), "body", "title");

    @TempDir
    Path dir;

    @Test
    void writersWaitingWhileTheLogIsForcedShareTheNextForce() throws Exception {
        Files.createDirectories(dir.resolve("log"));
        AtomicInteger forces = new AtomicInteger();
        CountDownLatch forcing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(5);
        try (WriteAheadLog log = WriteAheadLog.open(dir.resolve("log"), 0)) {
            long first = log.append(upsert("e0"));
            Future<?> leader = writers.submit(() -> {
                log.awaitDurable(first, () -> {
                    forces.incrementAndGet();
                    forcing.countDown();
                    awaitQuietly(release);
                });
                return null;
            });
            forcing.await();
            // Four more writes arrive while the first force is under way.
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                long record = log.append(upsert("e" + i));
                waiting.add(writers.submit(() -> {
                    log.awaitDurable(record, forces::incrementAndGet);
                    return null;
                }));
            }
            release.countDown();
            leader.get();
            for (Future<?> w : waiting) {
                w.get();
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals(2, forces.get(), "one force for the first write, one shared by the four behind it");
    }

    @Test
    void anAcknowledgedWriteTheIndexHasNotCommittedIsReplayedAfterACrash() throws Exception {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("a", 0), entry("b", 1)));
            crashCopy();
        }
        assertEquals(0, committedEntries(crashed()), "the write is in the log only");

        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(crashed().getParent(), FOUR_D)) {
            store.open(NOTES);
            assertEquals(2, store.count("notes"));
            assertEquals(
                    "body 1", store.get("notes", "b").orElseThrow().payload().get("body"));
        }
        assertEquals(2, committedEntries(crashed()), "opening commits what it replayed");
        assertEquals(List.of(), logFiles(crashed()), "and drops the log");
    }

    @Test
    void deletesAndPayloadUpdatesAreReplayedInOrder() throws Exception {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("a", 0), entry("b", 1)));
        }
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.delete("notes", List.of("a"));
            store.updatePayload("notes", "b", p -> {
                p.put("body", "rated");
                return p;
            });
            store.upsert("notes", List.of(entry("a", 5)));
            store.delete("notes", List.of("a"));
            crashCopy();
        }
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(crashed().getParent(), FOUR_D)) {
            store.open(NOTES);
            assertEquals(Optional.empty(), store.get("notes", "a"));
            StoredEntry b = store.get("notes", "b").orElseThrow();
            assertEquals("rated", b.payload().get("body"));
            assertEquals(Instant.EPOCH.plusSeconds(1), b.timestamp());
        }
    }

    @Test
    void aRecordTornByTheCrashIsDroppedAndTheWholeOnesBeforeItReplayed() throws Exception {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("a", 0)));
            store.upsert("notes", List.of(entry("b", 1)));
            crashCopy();
        }
        Path log = logFiles(crashed()).getLast();
        // The first bytes of a third record: its length and part of its checksum.
        Files.write(log, new byte[] {0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(crashed().getParent(), FOUR_D)) {
            store.open(NOTES);
            assertEquals(2, store.count("notes"));
        }
    }

    @Test
    void closingCommitsTheLogIntoTheIndex() throws Exception {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("a", 0), entry("b", 1), entry("c", 2)));
            assertFalse(logFiles(dir.resolve("notes")).isEmpty());
        }
        assertEquals(3, committedEntries(dir.resolve("notes")));
        assertEquals(List.of(), logFiles(dir.resolve("notes")));
    }

    @Test
    void concurrentWritersAreAllStoredAndSearchableWhenTheyReturn() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                done.add(writers.submit(() -> {
                    store.upsert("notes", List.of(entry("e" + n, n)));
                    assertTrue(store.get("notes", "e" + n).isPresent(), "readable once the write returns");
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(200, store.count("notes"));
            crashCopy();
        } finally {
            writers.shutdownNow();
        }
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(crashed().getParent(), FOUR_D)) {
            store.open(NOTES);
            assertEquals(200, store.count("notes"));
        }
    }

    /** Copies the index folder as it is on disk now, as a crash would leave it (the lock is the process'). */
    private void crashCopy() throws IOException {
        Path from = dir.resolve("notes");
        Path to = crashed();
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("write.lock")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    private Path crashed() {
        return dir.resolve("crashed").resolve("notes");
    }

    private static long committedEntries(Path index) throws IOException {
        try (FSDirectory d = FSDirectory.open(index);
                DirectoryReader reader = DirectoryReader.open(d)) {
            return reader.numDocs();
        }
    }

    private static List<Path> logFiles(Path index) throws IOException {
        try (Stream<Path> files = Files.list(index)) {
            return files.filter(f -> f.getFileName().toString().startsWith("wal-"))
                    .sorted()
                    .toList();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JournalRecord upsert(String id) {
        return new JournalRecord.Upsert(List.of(entry(id, 0)));
    }

    private static Entry entry(String id, int i) {
        double angle = i * 0.3;
        float[] vector = VectorMath.normalized(new float[] {(float) Math.cos(angle), (float) Math.sin(angle), 0, 0});
        return new Entry(id, Map.of("title", "entry " + i, "body", "body " + i), vector, Instant.EPOCH.plusSeconds(i));
    }
}
