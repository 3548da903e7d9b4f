package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.knowledge.VectorMath;
import dev.knowledgerouter.testing.TestStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the Lucene store does: its folders, commits, segments and lock. Everything a store of
 * any kind must do is in {@link KnowledgeStoreContract}, run here by {@link LuceneKnowledgeStoreContractTest}.
 */
class LuceneKnowledgeStoreTest {
    static final EmbedderIdentity FOUR_D = new EmbedderIdentity("contract-4d", 4);
    static final CollectionDefinition NOTES = new CollectionDefinition(
            "notes",
            "test notes",
            CollectionKind.KNOWLEDGE,
            List.of("title", "body"),
            "body",
            "title",
            List.of("tags"));

    @TempDir
    Path dir;

    @Test
    void eachCollectionIsAnIndexInItsOwnFolderWhoseCommitNamesTheEmbedder() throws Exception {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("a", 0)));
        }
        // The identity lives in the commit itself, so it can never disagree with the entries it describes.
        Map<String, String> commit = latestCommit(dir.resolve("notes")).getUserData();
        assertEquals("contract-4d", commit.get("embedder"));
        assertEquals("4", commit.get("dimension"));
        assertEquals("notes", commit.get("collection"));
        assertEquals(LuceneDocumentFormat.VERSION, commit.get("format"));
    }

    @Test
    void compactingMergesTheIndexIntoOneSegment() throws Exception {
        for (int i = 0; i < 4; i++) {
            // Each close commits what was written since the last commit as a segment of its own.
            try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
                store.open(NOTES);
                store.upsert("notes", List.of(entry("e" + i, i)));
            }
        }
        // A search walks one HNSW graph per segment.
        assertTrue(latestCommit(dir.resolve("notes")).size() > 1);
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.compact("notes");
            assertEquals(1, latestCommit(dir.resolve("notes")).size());
        }
    }

    @Test
    void aRankingReadsTheEntriesItRankedEvenAfterTheyAreReplaced() {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("a", 0), entry("b", 1)));
            float[] query = entry("q", 0).vector();

            try (RankedHits ranked = store.rank(SearchRequest.of("notes", query, 2))) {
                // The write makes searches see a new index view; the ranking's document numbers are of the old one.
                store.delete("notes", List.of("a"));
                store.upsert("notes", List.of(new Entry("c", Map.of("title", "c", "body", "c"), query, Instant.EPOCH)));

                assertEquals("a", ranked.read(0).id());
                assertEquals("entry 0", ranked.read(0).payload().get("title"));
                assertEquals("b", ranked.read(1).id());
            }
            assertEquals(
                    List.of("c", "b"),
                    store.search(SearchRequest.of("notes", query, 2)).stream()
                            .map(SearchHit::id)
                            .toList());
        }
    }

    @Test
    void aCollectionWrittenInAnotherDocumentFormatIsRefused() throws Exception {
        writeBareIndex(
                dir.resolve("notes"),
                Map.of("embedder", "contract-4d", "dimension", "4", "collection", "notes", "format", "0"));
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            StoreException e = assertThrows(StoreException.class, () -> store.open(NOTES));
            assertTrue(
                    e.getMessage().contains("document format 0")
                            && e.getMessage().contains("reads format " + LuceneDocumentFormat.VERSION),
                    e.getMessage());
        }
    }

    @Test
    void anIndexNotWrittenByKrIsRefused() throws Exception {
        writeBareIndex(dir.resolve("notes"), Map.of());
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, FOUR_D)) {
            StoreException e = assertThrows(StoreException.class, () -> store.open(NOTES));
            assertTrue(e.getMessage().contains("no valid embedder metadata"), e.getMessage());
        }
    }

    @Test
    void aCollectionInUseByAnotherProcessIsRefusedAsLocked() throws Exception {
        // CrashWriter keeps the index writer (and so Lucene's write.lock) open until it is killed.
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString(),
                        "5",
                        "locked")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("committed "), "the writer did not start: " + line);
            try (LuceneKnowledgeStore store =
                    new LuceneKnowledgeStore(dir, EmbedderIdentity.of(TestStack.embedder()))) {
                StoreLockedException e =
                        assertThrows(StoreLockedException.class, () -> store.open(CrashSafetyTest.COLLECTION));
                assertTrue(e.getMessage().contains("in use by another kr process"), e.getMessage());
            }
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static Entry entry(String id, int i) {
        double angle = i * 0.3;
        float[] vector = VectorMath.normalized(new float[] {(float) Math.cos(angle), (float) Math.sin(angle), 0, 0});
        return new Entry(id, Map.of("title", "entry " + i, "body", "body " + i), vector, Instant.EPOCH.plusSeconds(i));
    }

    private static SegmentInfos latestCommit(Path index) throws Exception {
        try (FSDirectory d = FSDirectory.open(index)) {
            return SegmentInfos.readLatestCommit(d);
        }
    }

    /** An empty Lucene index with the given commit data, as another tool or an older kr would leave it. */
    private static void writeBareIndex(Path index, Map<String, String> commitData) throws Exception {
        Files.createDirectories(index);
        try (FSDirectory d = FSDirectory.open(index);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
            w.setLiveCommitData(commitData.entrySet());
            w.commit();
        }
    }
}
