package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.EntryEmbedder.Pending;
import dev.knowledgerouter.testing.TestStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

class EntryEmbedderTest {
    static final CollectionDefinition FAQ = new CollectionDefinition(
            "faq", "questions", CollectionKind.KNOWLEDGE, List.of("question", "context"), "answer", "question");
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    /** The real in-process model, remembering the size of each call it answers. */
    final List<Integer> calls = new ArrayList<>();

    final Embedder embedder = new Embedder() {
        @Override
        public String id() {
            return TestStack.embedder().id();
        }

        @Override
        public int dimension() {
            return TestStack.embedder().dimension();
        }

        @Override
        public float[] embed(String text, Purpose purpose) {
            calls.add(1);
            return TestStack.embedder().embed(text, purpose);
        }

        @Override
        public List<float[]> embedAll(List<String> texts, Purpose purpose) {
            calls.add(texts.size());
            return TestStack.embedder().embedAll(texts, purpose);
        }
    };

    /** Remembers what a progress bar was told. */
    static final class RecordingProgress implements Progress {
        final List<String> events = new ArrayList<>();

        @Override
        public void start(String label, long total) {
            events.add("start " + label + " " + total);
        }

        @Override
        public void advance(long units) {
            events.add("advance " + units);
        }

        @Override
        public void done() {
            events.add("done");
        }
    }

    static Pending question(int i) {
        return new Pending("q" + i, Map.of("question", "how do I fix error " + i, "answer", "restart " + i), T);
    }

    static List<Pending> questions(int n) {
        return IntStream.range(0, n).mapToObj(EntryEmbedderTest::question).toList();
    }

    @Test
    void anEntryHoldsTheDocumentVectorOfItsPayloadsTextUnderTheDefinition() {
        Map<String, Object> payload = Map.of(
                "question", "mvn fails with PKIX path building failed",
                "context", "behind a company proxy",
                "answer", "import the proxy certificate into the JDK trust store");
        Entry entry = new EntryEmbedder(embedder, FAQ)
                .embed(List.of(new Pending("pkix", payload, T)))
                .getFirst();

        float[] expected = TestStack.embedder().embed(FAQ.textOf(payload), Embedder.Purpose.DOCUMENT);
        assertTrue(VectorUtil.dotProduct(expected, entry.vector()) > 0.999, "the text fields, embedded as a document");
        float[] answerOnly = TestStack.embedder().embed((String) payload.get("answer"), Embedder.Purpose.DOCUMENT);
        assertTrue(VectorUtil.dotProduct(answerOnly, entry.vector()) < 0.99, "not the answer field");
        assertEquals("pkix", entry.id());
        assertEquals(payload, entry.payload());
        assertEquals(T, entry.timestamp());
    }

    @Test
    void oneListIsEmbeddedInOneCallKeepingItsOrder() {
        List<Entry> entries = new EntryEmbedder(embedder, FAQ).embed(questions(3));
        assertEquals(List.of(3), calls);
        assertEquals(List.of("q0", "q1", "q2"), entries.stream().map(Entry::id).toList());
    }

    @Test
    void textsWithAKnownVectorAndRepeatedTextsAreNotEmbeddedAgain() {
        float[] known = TestStack.embedder().embed("reused", Embedder.Purpose.DOCUMENT);
        String knownHash = TextHash.of(FAQ.textOf(question(0).payload()));
        List<Pending> pending = List.of(
                question(0), question(1), new Pending("again", question(1).payload(), T));

        List<Entry> entries =
                new EntryEmbedder(embedder, FAQ, hash -> hash.equals(knownHash) ? known : null).embed(pending);

        assertEquals(List.of(1), calls, "only question 1, once");
        assertArrayEquals(known, entries.get(0).vector());
        assertArrayEquals(entries.get(1).vector(), entries.get(2).vector());
        assertEquals(
                List.of("q0", "q1", "again"), entries.stream().map(Entry::id).toList());
    }

    @Test
    void batchesAreHandedOnInOrderEachEmbeddedInOneCall() {
        List<List<String>> handedOn = new ArrayList<>();
        RecordingProgress progress = new RecordingProgress();

        int embedded = new EntryEmbedder(embedder, FAQ)
                .embedInBatches(
                        questions(5),
                        2,
                        "index faq",
                        progress,
                        StopSignal.never(),
                        batch -> handedOn.add(batch.stream().map(Entry::id).toList()));

        assertEquals(5, embedded);
        assertEquals(List.of(List.of("q0", "q1"), List.of("q2", "q3"), List.of("q4")), handedOn);
        assertEquals(List.of(2, 2, 1), calls);
        assertEquals(List.of("start index faq 5", "advance 2", "advance 2", "advance 1", "done"), progress.events);
    }

    @Test
    void aStopRequestedDuringABatchEndsTheWorkBeforeTheNextBatchIsEmbedded() {
        StopSignal stop = new StopSignal();
        List<Entry> handedOn = new ArrayList<>();
        RecordingProgress progress = new RecordingProgress();

        int embedded = new EntryEmbedder(embedder, FAQ)
                .embedInBatches(questions(5), 2, "seed faq", progress, stop, batch -> {
                    handedOn.addAll(batch);
                    stop.request();
                });

        assertEquals(2, embedded);
        assertEquals(List.of("q0", "q1"), handedOn.stream().map(Entry::id).toList());
        assertEquals(List.of(2), calls, "nothing embedded after the stop");
        assertEquals(List.of("start seed faq 5", "advance 2", "done"), progress.events);
    }

    @Test
    void aStopRequestedBeforehandEmbedsNothing() {
        StopSignal stop = new StopSignal();
        stop.request();
        List<Entry> handedOn = new ArrayList<>();

        int embedded = new EntryEmbedder(embedder, FAQ)
                .embedInBatches(questions(3), 16, "seed faq", Progress.NONE, stop, handedOn::addAll);

        assertEquals(0, embedded);
        assertEquals(List.of(), handedOn);
        assertEquals(List.of(), calls);
    }

    @Test
    void aFailingBatchEndsTheProgressAndReachesTheCaller() {
        RecordingProgress progress = new RecordingProgress();
        IllegalStateException failure = new IllegalStateException("disk full");

        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> new EntryEmbedder(embedder, FAQ)
                        .embedInBatches(questions(3), 2, "index faq", progress, StopSignal.never(), batch -> {
                            throw failure;
                        }));

        assertEquals(failure, thrown);
        assertEquals(List.of("start index faq 3", "done"), progress.events);
    }

    @Test
    void reembeddingKeepsTheIdPayloadAndTimeOfStoredEntries() {
        Map<String, Object> payload = Map.of("question", "docker permission denied", "answer", "join the group");
        StoredEntry stored = new StoredEntry("faq", "docker", payload, T, "hash");

        Entry entry = new EntryEmbedder(embedder, FAQ).reembed(List.of(stored)).getFirst();

        assertEquals("docker", entry.id());
        assertEquals(payload, entry.payload());
        assertEquals(T, entry.timestamp());
        assertArrayEquals(
                TestStack.embedder()
                        .embedAll(List.of(FAQ.textOf(payload)), Embedder.Purpose.DOCUMENT)
                        .getFirst(),
                entry.vector());
    }

    @Test
    void aBatchOfFewerThanOneEntryIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EntryEmbedder(embedder, FAQ)
                        .embedInBatches(questions(1), 0, "x", Progress.NONE, StopSignal.never(), batch -> {}));
    }
}
