package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneKnowledgeStoreTest {
    static final CollectionDefinition NOTES = new CollectionDefinition("notes", "test notes", CollectionKind.KNOWLEDGE,
            List.of("title", "body"), "body", "title", List.of("tags"));

    @TempDir
    Path dir;
    Embedder embedder = TestStack.embedder();
    LuceneKnowledgeStore store;

    @BeforeEach
    void open() {
        store = new LuceneKnowledgeStore(dir, EmbedderIdentity.of(embedder));
        store.open(NOTES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Entry entry(String id, String title, String body, Instant at, String... tags) {
        Map<String, Object> payload = Map.of("id", id, "title", title, "body", body, "tags", List.of(tags));
        return new Entry(id, payload, embedder.embed(NOTES.textOf(payload), Embedder.Purpose.DOCUMENT), at);
    }

    @Test
    void upsertingTheSameIdTwiceKeepsOneEntryWithTheLatestPayload() {
        store.upsert("notes", List.of(entry("a", "Git detached HEAD", "checkout a branch", Instant.EPOCH)));
        store.upsert("notes", List.of(entry("a", "Git detached HEAD", "git switch -c rescue", Instant.EPOCH)));
        assertEquals(1, store.count("notes"));
        assertEquals("git switch -c rescue", store.get("notes", "a").orElseThrow().payload().get("body"));
    }

    @Test
    void searchRanksTheRelatedEntryFirstWithACosineScore() {
        store.upsert("notes", List.of(
                entry("git", "Git says you are in detached HEAD state", "create a branch with git switch -c", Instant.EPOCH),
                entry("docker", "Docker daemon socket permission denied", "add the user to the docker group", Instant.EPOCH)));
        float[] q = embedder.embed("got permission denied on /var/run/docker.sock", Embedder.Purpose.QUERY);
        List<SearchHit> hits = store.search(SearchRequest.of("notes", q, 2));
        assertEquals("docker", hits.getFirst().id());
        assertTrue(hits.getFirst().score() > hits.get(1).score());
        assertTrue(hits.getFirst().score() <= 1.0 && hits.get(1).score() >= -1.0);
    }

    @Test
    void bm25FindsTheExactTermAndEveryModeReportsTheCosine() {
        store.upsert("notes", List.of(
                entry("oom", "Surefire fork crashed with exit code 137", "raise the container memory limit", Instant.EPOCH),
                entry("git", "Git detached HEAD", "create a branch", Instant.EPOCH)));
        String text = "exit code 137";
        float[] q = embedder.embed(text, Embedder.Purpose.QUERY);
        SearchHit bm25 = store.search(SearchRequest.of("notes", q, 1).withText(text, SearchMode.BM25)).getFirst();
        SearchHit dense = store.search(SearchRequest.of("notes", q, 2)).stream().filter(h -> h.id().equals("oom")).findFirst().orElseThrow();
        assertEquals("oom", bm25.id());
        assertEquals(dense.score(), bm25.score(), 1e-5, "a BM25 hit carries the same cosine as the dense one");
        assertTrue(Math.abs(bm25.rankScore() - bm25.score()) > 1e-3, "ranked by BM25, not by the cosine: " + bm25.rankScore());
        SearchHit hybrid = store.search(SearchRequest.of("notes", q, 1).withText(text, SearchMode.HYBRID)).getFirst();
        assertEquals("oom", hybrid.id());
        assertEquals(dense.score(), hybrid.score(), 1e-5);
    }

    @Test
    void aBm25SearchNeedsTheQueryText() {
        float[] q = embedder.embed("x", Embedder.Purpose.QUERY);
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("notes", q, 1).withText(" ", SearchMode.BM25));
    }

    @Test
    void minimumScoreDropsWeakHits() {
        store.upsert("notes", List.of(
                entry("git", "Git detached HEAD", "create a branch", Instant.EPOCH),
                entry("docker", "Docker socket permission denied", "add user to docker group", Instant.EPOCH)));
        float[] q = embedder.embed("docker.sock permission denied", Embedder.Purpose.QUERY);
        List<SearchHit> all = store.search(SearchRequest.of("notes", q, 2));
        double cut = (all.get(0).score() + all.get(1).score()) / 2;
        List<SearchHit> strong = store.search(SearchRequest.of("notes", q, 2).withMinScore(cut));
        assertEquals(List.of("docker"), strong.stream().map(SearchHit::id).toList());
    }

    @Test
    void payloadFilterMatchesAnyElementOfAListField() {
        store.upsert("notes", List.of(
                entry("git", "Git detached HEAD", "create a branch", Instant.EPOCH, "git"),
                entry("docker", "Docker socket permission denied", "add user to docker group", Instant.EPOCH, "docker", "linux")));
        float[] q = embedder.embed("git branch", Embedder.Purpose.QUERY);
        List<SearchHit> hits = store.search(SearchRequest.of("notes", q, 5).withFilter("tags", "linux"));
        assertEquals(List.of("docker"), hits.stream().map(SearchHit::id).toList());
    }

    @Test
    void onlyDeclaredFilterFieldsCanFilter() {
        store.upsert("notes", List.of(entry("git", "Git detached HEAD", "create a branch", Instant.EPOCH, "git")));
        float[] q = embedder.embed("git", Embedder.Purpose.QUERY);
        assertEquals(1, store.search(SearchRequest.of("notes", q, 5).withFilter("tags", "git")).size());
        assertEquals(0, store.search(SearchRequest.of("notes", q, 5).withFilter("title", "Git detached HEAD")).size());
    }

    @Test
    void aBatchRepeatingAnIdKeepsTheLastEntryOnce() {
        store.upsert("notes", List.of(entry("a", "first", "first", Instant.EPOCH), entry("a", "second", "second", Instant.EPOCH)));
        assertEquals(1, store.count("notes"));
        assertEquals("second", store.get("notes", "a").orElseThrow().payload().get("body"));
    }

    @Test
    void concurrentWritersNeverLoseOrSplitABatch() throws Exception {
        int threads = 4;
        int batches = 10;
        int perBatch = 5;
        float[] v = embedder.embed("shared vector", Embedder.Purpose.DOCUMENT);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<Entry> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        String id = "t" + thread + "-b" + b + "-" + i;
                        batch.add(new Entry(id, Map.of("title", id, "body", id), v, Instant.EPOCH));
                    }
                    store.upsert("notes", batch);
                    float[] q = embedder.embed("shared vector", Embedder.Purpose.QUERY);
                    store.search(SearchRequest.of("notes", q, 3));
                }
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals((long) threads * batches * perBatch, store.count("notes"));
    }

    @Test
    void deleteRemovesByIdAndReportsHowManyExisted() {
        store.upsert("notes", List.of(entry("a", "one", "one", Instant.EPOCH), entry("b", "two", "two", Instant.EPOCH)));
        assertEquals(1, store.delete("notes", List.of("a", "missing")));
        assertEquals(1, store.count("notes"));
        assertTrue(store.get("notes", "a").isEmpty());
    }

    @Test
    void scanVisitsOnlyTheTimeRangeOldestFirst() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry("e" + i, "entry " + i, "body " + i, t0.plusSeconds(3600L * i)));
        }
        store.upsert("notes", entries.reversed());
        List<String> seen = new ArrayList<>();
        store.scan("notes", t0.plusSeconds(3600), t0.plusSeconds(3600 * 4), e -> seen.add(e.id()));
        assertEquals(List.of("e1", "e2", "e3"), seen);
    }

    @Test
    void compactingKeepsEveryEntryAndTheSameSearchResults() {
        for (int i = 0; i < 4; i++) {
            store.upsert("notes", List.of(entry("e" + i, "error number " + i, "fix " + i, Instant.EPOCH)));
        }
        store.delete("notes", List.of("e0"));
        float[] q = embedder.embed("error number 2", Embedder.Purpose.QUERY);
        List<SearchHit> before = store.search(SearchRequest.of("notes", q, 3));
        store.compact("notes");
        assertEquals(3, store.count("notes"));
        assertEquals(before, store.search(SearchRequest.of("notes", q, 3)));
    }

    @Test
    void entriesSurviveReopening() {
        store.upsert("notes", List.of(entry("a", "kept", "kept", Instant.EPOCH)));
        store.close();
        store = new LuceneKnowledgeStore(dir, EmbedderIdentity.of(embedder));
        store.open(NOTES);
        assertEquals(1, store.count("notes"));
    }

    @Test
    void openingWithAnotherEmbedderIsRefusedNamingBoth() {
        store.close();
        store = new LuceneKnowledgeStore(dir, new EmbedderIdentity("nomic-embed-text", 768));
        EmbedderMismatchException e = assertThrows(EmbedderMismatchException.class, () -> store.open(NOTES));
        assertTrue(e.getMessage().contains("bge-small-en-v1.5-q (384-d)"), e.getMessage());
        assertTrue(e.getMessage().contains("nomic-embed-text (768-d)"), e.getMessage());
        assertTrue(e.getMessage().contains("kr reindex"), e.getMessage());
    }

    @Test
    void unknownCollectionIsNamedWithTheKnownOnes() {
        UnknownCollectionException e = assertThrows(UnknownCollectionException.class, () -> store.count("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("notes"), e.getMessage());
    }

    @Test
    void aVectorOfTheWrongDimensionIsRefusedBeforeAnythingIsWritten() {
        Entry bad = new Entry("bad", Map.of("title", "t", "body", "b"), new float[3], Instant.EPOCH);
        assertThrows(IllegalArgumentException.class, () -> store.upsert("notes", List.of(entry("ok", "ok", "ok", Instant.EPOCH), bad)));
        assertEquals(0, store.count("notes"));
    }
}
