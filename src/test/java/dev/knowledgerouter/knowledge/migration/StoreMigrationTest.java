package dev.knowledgerouter.knowledge.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EmbedderMismatchException;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations between two real Lucene stores, filled with entries embedded by the real model. */
class StoreMigrationTest {
    static final CollectionDefinition FAQ = new CollectionDefinition(
            "faq", "questions", CollectionKind.KNOWLEDGE, List.of("question"), "answer", "question");
    /** Seeded in one go: every entry has the same timestamp, so a timestamp alone cannot say how far a copy got. */
    static final CollectionDefinition ERRORS = new CollectionDefinition(
            "errors", "errors and fixes", CollectionKind.KNOWLEDGE, List.of("error", "solution"), "solution", "error");

    static final CollectionDefinition EMPTY = new CollectionDefinition(
            "empty", "nothing yet", CollectionKind.HISTORY, List.of("query"), "answer", "query");
    static final Instant SEEDED = Instant.parse("2026-03-01T09:00:00Z");
    static final int FAQS = 5;
    static final int ERROR_ENTRIES = 40;
    static final int ENTRIES = FAQS + ERROR_ENTRIES;
    /** Small batches, so a few dozen entries make several of them. */
    static final int BATCH = 8;

    static final String RENAMED = "bge-small-renamed";

    static final List<Entry> FAQ_ENTRIES = new ArrayList<>();
    static final List<Entry> ERROR_LIST = new ArrayList<>();

    @TempDir
    Path dir;

    LuceneKnowledgeStore source;
    final List<KnowledgeStore> opened = new ArrayList<>();

    @BeforeAll
    static void embedOnce() {
        List<String> questions = List.of(
                "how do I reset a git branch to origin",
                "why does docker say permission denied",
                "where does pip install packages",
                "how to free disk space used by docker",
                "what is a detached HEAD");
        List<float[]> faqVectors = TestStack.embedder().embedAll(questions, Embedder.Purpose.DOCUMENT);
        for (int i = 0; i < FAQS; i++) {
            FAQ_ENTRIES.add(new Entry(
                    "faq-" + i,
                    Map.of("question", questions.get(i), "answer", "answer " + i),
                    faqVectors.get(i),
                    SEEDED.plusSeconds(60L * i)));
        }
        List<Map<String, Object>> payloads = new ArrayList<>();
        for (int i = 0; i < ERROR_ENTRIES; i++) {
            payloads.add(Map.of(
                    "error",
                    "error number " + i + " in module m" + (i % 7),
                    "solution",
                    "apply fix " + i,
                    "tags",
                    List.of("t" + i % 3)));
        }
        List<float[]> errorVectors = TestStack.embedder()
                .embedAll(payloads.stream().map(ERRORS::textOf).toList(), Embedder.Purpose.DOCUMENT);
        for (int i = 0; i < ERROR_ENTRIES; i++) {
            ERROR_LIST.add(new Entry("err-" + i, payloads.get(i), errorVectors.get(i), SEEDED));
        }
    }

    @BeforeEach
    void seedSource() {
        source = open(new LuceneKnowledgeStore(dir.resolve("source"), EmbedderIdentity.of(TestStack.embedder())));
        source.open(FAQ);
        source.open(ERRORS);
        source.open(EMPTY);
        source.upsert(FAQ.name(), FAQ_ENTRIES);
        source.upsert(ERRORS.name(), ERROR_LIST);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(KnowledgeStore::close);
    }

    <S extends KnowledgeStore> S open(S store) {
        opened.add(store);
        return store;
    }

    LuceneKnowledgeStore target(String folder, Embedder embedder) {
        return open(new LuceneKnowledgeStore(dir.resolve(folder), EmbedderIdentity.of(embedder)));
    }

    StoreMigration migration(KnowledgeStore target, String folder, Embedder embedder) {
        return new StoreMigration(
                new StoreMigration.Endpoint(source, "lucene " + dir.resolve("source")),
                new StoreMigration.Endpoint(target, "lucene " + dir.resolve(folder)),
                embedder,
                checkpoint(),
                BATCH);
    }

    Path checkpoint() {
        return dir.resolve("migrate.json");
    }

    /** Every entry of every collection as one comparable line, vectors left out. */
    static Map<String, List<String>> entries(KnowledgeStore store) {
        Map<String, List<String>> out = new TreeMap<>();
        for (CollectionDefinition c : List.of(FAQ, ERRORS, EMPTY)) {
            List<String> lines = new ArrayList<>();
            store.scan(
                    c.name(),
                    Instant.MIN,
                    Instant.MAX,
                    e -> lines.add(
                            e.id() + " " + new TreeMap<>(e.payload()) + " " + e.timestamp() + " " + e.textHash()));
            lines.sort(null);
            out.put(c.name(), lines);
        }
        return out;
    }

    static Map<String, float[]> vectors(KnowledgeStore store, String collection) {
        Map<String, float[]> out = new TreeMap<>();
        store.scanWithVectors(collection, Instant.MIN, Instant.MAX, (e, v) -> out.put(e.id(), v));
        return out;
    }

    static MigrationReport.CollectionReport report(MigrationReport report, String collection) {
        return report.collections().stream()
                .filter(c -> c.collection().equals(collection))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void betweenStoresOfOneEmbedderIdsPayloadsTimestampsAndVectorsAreCopiedAndNothingIsEmbedded() {
        CountingEmbedder embedder = new CountingEmbedder(TestStack.embedder().id());
        LuceneKnowledgeStore target = target("target", embedder);
        RecordingProgress progress = new RecordingProgress();

        MigrationReport report = migration(target, "target", embedder).run(progress);

        assertEquals(0, embedder.texts);
        assertEquals(entries(source), entries(target));
        vectors(source, ERRORS.name())
                .forEach((id, v) ->
                        assertArrayEquals(v, vectors(target, ERRORS.name()).get(id), id));
        float[] query = TestStack.embedder().embed("docker permission denied on the socket", Embedder.Purpose.QUERY);
        SearchHit before = source.search(SearchRequest.of(FAQ.name(), query, 1)).getFirst();
        SearchHit after = target.search(SearchRequest.of(FAQ.name(), query, 1)).getFirst();
        assertEquals(before.id(), after.id());
        assertEquals(before.score(), after.score(), 1e-6);
        assertTrue(report.complete());
        assertEquals(ENTRIES, report.copied());
        assertFalse(report(report, FAQ.name()).reembedded());
        assertEquals(
                List.of("start migrate faq 5", "start migrate errors 40", "start migrate empty 0"), progress.starts);
        assertEquals(ENTRIES, progress.advanced);
    }

    @Test
    void aTargetOfAnotherEmbedderGetsEveryEntryEmbeddedByItsOwnEmbedder() {
        CountingEmbedder renamed = new CountingEmbedder(RENAMED);
        LuceneKnowledgeStore target = target("target", renamed);

        MigrationReport report = migration(target, "target", renamed).run(Progress.NONE);

        assertEquals(ENTRIES, renamed.texts);
        assertTrue(report(report, ERRORS.name()).reembedded());
        assertEquals(entries(source), entries(target));
        target.close();
        try (LuceneKnowledgeStore asSource =
                new LuceneKnowledgeStore(dir.resolve("target"), EmbedderIdentity.of(TestStack.embedder()))) {
            assertThrows(EmbedderMismatchException.class, () -> asSource.open(FAQ));
        }
    }

    @Test
    void anInterruptedMigrationResumesAndEmbedsEachEntryOnceAcrossBothRuns() {
        // Calls: faq (5 entries), errors 8, errors 8, then the embedder fails.
        CountingEmbedder failing = new CountingEmbedder(RENAMED, 4);
        LuceneKnowledgeStore target = target("target", failing);
        assertThrows(
                EmbedderUnavailableException.class,
                () -> migration(target, "target", failing).run(Progress.NONE));
        assertTrue(Files.isRegularFile(checkpoint()));
        assertEquals(2 * BATCH, target.count(ERRORS.name()));

        CountingEmbedder working = new CountingEmbedder(RENAMED);
        MigrationReport report = migration(target, "target", working).run(Progress.NONE);

        assertEquals(ENTRIES, failing.texts + working.texts);
        assertEquals(entries(source), entries(target));
        assertTrue(report.complete());
        assertEquals(0, report(report, FAQ.name()).copied());
        assertEquals(FAQS, report(report, FAQ.name()).skipped());
        assertEquals(ERROR_ENTRIES - 2 * BATCH, report(report, ERRORS.name()).copied());
        assertTrue(
                report.notes().stream().anyMatch(n -> n.startsWith("resumed from")),
                report.notes().toString());
    }

    @Test
    void aBatchWrittenJustBeforeTheCheckpointCouldSaySoIsFoundInTheTargetNotEmbeddedAgain() throws IOException {
        CountingEmbedder first = new CountingEmbedder(RENAMED);
        LuceneKnowledgeStore target = target("target", first);
        byte[][] afterFirstErrorBatch = new byte[1][];
        Progress crashing = new RecordingProgress() {
            @Override
            public void advance(long units) {
                if (label.equals("migrate errors") && units > 0) {
                    if (afterFirstErrorBatch[0] != null) {
                        throw new IllegalStateException("killed");
                    }
                    afterFirstErrorBatch[0] = read(checkpoint());
                }
            }
        };
        assertThrows(
                IllegalStateException.class,
                () -> migration(target, "target", first).run(crashing));
        // As if the process died between writing the second batch and recording it.
        Files.write(checkpoint(), afterFirstErrorBatch[0]);

        CountingEmbedder second = new CountingEmbedder(RENAMED);
        MigrationReport report = migration(target, "target", second).run(Progress.NONE);

        assertEquals(ENTRIES, first.texts + second.texts);
        // Both batches are found by id and text: the floor is the one timestamp all of them share.
        assertEquals(2 * BATCH, report(report, ERRORS.name()).skipped());
        assertEquals(entries(source), entries(target));
    }

    @Test
    void theSourceIsNeitherWrittenNorChanged() {
        Map<String, List<String>> before = entries(source);
        Map<String, Long> files = files(dir.resolve("source"));
        CountingEmbedder renamed = new CountingEmbedder(RENAMED);

        migration(target("target", renamed), "target", renamed).run(Progress.NONE);

        assertEquals(before, entries(source));
        assertEquals(files, files(dir.resolve("source")));
    }

    @Test
    void aRunAfterCompletionCopiesNothingAndSaysSo() {
        CountingEmbedder renamed = new CountingEmbedder(RENAMED);
        LuceneKnowledgeStore target = target("target", renamed);
        migration(target, "target", renamed).run(Progress.NONE);
        byte[] completed = read(checkpoint());
        RecordingProgress progress = new RecordingProgress();

        MigrationReport again = migration(target, "target", renamed).run(progress);

        assertEquals(ENTRIES, renamed.texts);
        assertEquals(0, again.copied());
        assertTrue(again.complete());
        assertEquals(ERROR_ENTRIES, report(again, ERRORS.name()).skipped());
        assertTrue(
                again.notes().stream().anyMatch(n -> n.contains("already complete")),
                again.notes().toString());
        assertEquals(List.of(), progress.starts);
        assertArrayEquals(completed, read(checkpoint()));
    }

    @Test
    void aCheckpointOfAnotherMigrationIsNotAppliedAndTheNewOneStartsOver() {
        CountingEmbedder renamed = new CountingEmbedder(RENAMED);
        migration(target("first", renamed), "first", renamed).run(Progress.NONE);
        LuceneKnowledgeStore other = target("second", renamed);

        MigrationReport report = migration(other, "second", renamed).run(Progress.NONE);

        assertEquals(ENTRIES, report.copied());
        assertEquals(entries(source), entries(other));
        assertTrue(
                report.notes().stream().anyMatch(n -> n.contains("another migration")),
                report.notes().toString());
    }

    @Test
    void aFileThatIsNotACheckpointIsRefusedAndLeftAsItWas() throws IOException {
        Files.writeString(checkpoint(), "my notes\n");
        CountingEmbedder renamed = new CountingEmbedder(RENAMED);
        LuceneKnowledgeStore target = target("target", renamed);

        StoreException e = assertThrows(
                StoreException.class, () -> migration(target, "target", renamed).run(Progress.NONE));

        assertTrue(e.getMessage().contains("is not a store migration checkpoint"), e.getMessage());
        assertEquals("my notes\n", Files.readString(checkpoint()));
        assertEquals(0, renamed.texts);
    }

    @Test
    void anEmptyCollectionIsCreatedInTheTarget() {
        CountingEmbedder embedder = new CountingEmbedder(TestStack.embedder().id());
        MigrationReport report =
                migration(target("target", embedder), "target", embedder).run(Progress.NONE);

        assertTrue(Files.isDirectory(dir.resolve("target").resolve(EMPTY.name())));
        MigrationReport.CollectionReport empty = report(report, EMPTY.name());
        assertEquals(0, empty.sourceCount());
        assertEquals(0, empty.targetCount());
        assertTrue(empty.verified());
    }

    @Test
    void entriesLostFromTheTargetAfterCompletionAreReportedAndCopiedByTheNextRun() {
        CountingEmbedder renamed = new CountingEmbedder(RENAMED);
        LuceneKnowledgeStore target = target("target", renamed);
        migration(target, "target", renamed).run(Progress.NONE);
        target.delete(ERRORS.name(), List.of("err-3", "err-17", "err-39"));

        MigrationReport short_ = migration(target, "target", renamed).run(Progress.NONE);
        MigrationReport refilled = migration(target, "target", renamed).run(Progress.NONE);

        assertFalse(short_.complete());
        assertTrue(
                short_.notes().stream().anyMatch(n -> n.contains("holds 37 entries, the source 40")),
                short_.notes().toString());
        assertEquals(3, report(refilled, ERRORS.name()).copied());
        assertTrue(refilled.complete());
        assertEquals(ENTRIES + 3, renamed.texts);
        assertEquals(entries(source), entries(target));
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of an index folder with its size; the write lock is left out (it is the open store's own). */
    static Map<String, Long> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            Map<String, Long> out = new TreeMap<>();
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.size(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real model under another name when asked, counting the texts it embeds, failing on a chosen call. */
    static final class CountingEmbedder implements Embedder {
        private final String id;
        private final int failingCall;
        private int calls;
        int texts;

        CountingEmbedder(String id) {
            this(id, 0);
        }

        CountingEmbedder(String id, int failingCall) {
            this.id = id;
            this.failingCall = failingCall;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int dimension() {
            return TestStack.embedder().dimension();
        }

        @Override
        public float[] embed(String text, Purpose purpose) {
            return embedAll(List.of(text), purpose).getFirst();
        }

        @Override
        public List<float[]> embedAll(List<String> batch, Purpose purpose) {
            if (++calls == failingCall) {
                throw new EmbedderUnavailableException("injected: the embedder went away");
            }
            texts += batch.size();
            return TestStack.embedder().embedAll(batch, purpose);
        }
    }

    /** Remembers the bars started and the units advanced. */
    static class RecordingProgress implements Progress {
        final List<String> starts = new ArrayList<>();
        String label = "";
        long advanced;

        @Override
        public void start(String label, long total) {
            this.label = label;
            starts.add("start " + label + " " + total);
        }

        @Override
        public void advance(long units) {
            advanced += units;
        }

        @Override
        public void done() {}
    }
}
