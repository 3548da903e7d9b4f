package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EmbedderMismatchException;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.VectorMath;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneReindexerTest {
    static final CollectionDefinition HISTORY = new CollectionDefinition(
            "interaction-history", "h", CollectionKind.HISTORY, List.of("query"), "answer", "query");
    static final EmbedderIdentity OLD = new EmbedderIdentity("nomic-embed-text", 768);

    @TempDir
    Path root;

    /** Writes entries as a 768-d model would have: the reindexer must replace every vector. */
    void writeWithOldModel(List<String> queries) {
        Random random = new Random(1);
        try (LuceneKnowledgeStore old = new LuceneKnowledgeStore(root, OLD)) {
            old.open(HISTORY);
            for (int i = 0; i < queries.size(); i++) {
                float[] v = new float[768];
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                old.upsert(
                        HISTORY.name(),
                        List.of(new Entry(
                                "i" + i,
                                Map.of("query", queries.get(i), "answer", "a" + i),
                                VectorMath.normalized(v),
                                Instant.parse("2026-11-0" + (i + 1) + "T10:00:00Z"))));
            }
        }
    }

    @Test
    void aCollectionOfAnotherEmbedderIsReEmbeddedKeepingEveryEntryAndTheOldIndex() {
        writeWithOldModel(
                List.of("docker socket permission denied", "git detached head", "pip externally managed environment"));
        try (LuceneKnowledgeStore refused = new LuceneKnowledgeStore(root, EmbedderIdentity.of(TestStack.embedder()))) {
            assertThrows(EmbedderMismatchException.class, () -> refused.open(HISTORY));
        }

        LuceneReindexer.Result r = new LuceneReindexer(root, TestStack.embedder()).reindex(HISTORY, Progress.NONE);
        assertEquals(3, r.entries());
        assertEquals("nomic-embed-text (768-d)", r.from());
        assertTrue(Files.isDirectory(r.previous().orElseThrow()));

        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(root, EmbedderIdentity.of(TestStack.embedder()))) {
            store.open(HISTORY);
            assertEquals(3, store.count(HISTORY.name()));
            StoredEntry e = store.get(HISTORY.name(), "i1").orElseThrow();
            assertEquals("git detached head", e.payload().get("query"));
            assertEquals(Instant.parse("2026-11-02T10:00:00Z"), e.timestamp());
            float[] q = TestStack.embedder().embed("permission denied on /var/run/docker.sock", Embedder.Purpose.QUERY);
            assertEquals(
                    "i0",
                    store.search(SearchRequest.of(HISTORY.name(), q, 1))
                            .getFirst()
                            .id());
        }
    }

    @Test
    void aCollectionAlreadyOnTheConfiguredEmbedderIsLeftAlone() {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(root, EmbedderIdentity.of(TestStack.embedder()))) {
            store.open(HISTORY);
        }
        LuceneReindexer.Result r = new LuceneReindexer(root, TestStack.embedder()).reindex(HISTORY, Progress.NONE);
        assertTrue(r.previous().isEmpty());
    }

    @Test
    void writesTheLogHeldBeyondTheLastCommitAreReindexedToo() throws Exception {
        writeWithOldModel(List.of("docker socket permission denied", "git detached head"));
        Path crashed = root.resolve("crashed");
        try (LuceneKnowledgeStore old = new LuceneKnowledgeStore(root, OLD)) {
            old.open(HISTORY);
            old.delete(HISTORY.name(), List.of("i0"));
            float[] v = new float[768];
            v[0] = 1;
            old.upsert(
                    HISTORY.name(),
                    List.of(new Entry("i9", Map.of("query", "npm eresolve", "answer", "a9"), v, Instant.EPOCH)));
            // What the disk holds if the process dies now: the last commit, and the log after it.
            Files.createDirectories(crashed.resolve(HISTORY.name()));
            try (var files = Files.list(root.resolve(HISTORY.name()))) {
                for (Path f : files.filter(f -> !f.endsWith("write.lock")).toList()) {
                    Files.copy(f, crashed.resolve(HISTORY.name()).resolve(f.getFileName()));
                }
            }
        }

        LuceneReindexer.Result r = new LuceneReindexer(crashed, TestStack.embedder()).reindex(HISTORY, Progress.NONE);

        assertEquals(2, r.entries());
        try (LuceneKnowledgeStore store =
                new LuceneKnowledgeStore(crashed, EmbedderIdentity.of(TestStack.embedder()))) {
            store.open(HISTORY);
            assertEquals(Optional.empty(), store.get(HISTORY.name(), "i0"));
            assertEquals(
                    "npm eresolve",
                    store.get(HISTORY.name(), "i9").orElseThrow().payload().get("query"));
        }
    }
}
