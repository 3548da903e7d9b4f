package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hit's stored fields are decoded once while its segment lives, and a replaced entry is read as it is now. */
class StoredHitCacheTest {
    @TempDir
    Path dir;

    private static Entry note(String id, String title) {
        return new Entry(id, Map.of("title", title, "body", "about " + title), new float[] {1, 0, 0, 0}, Instant.EPOCH);
    }

    @Test
    void aDocumentReadAgainIsNotDecodedAgain() throws Exception {
        StoredHitCache cache = new StoredHitCache(8);
        AtomicInteger decoded = new AtomicInteger();
        try (Directory index = FSDirectory.open(dir.resolve("index"))) {
            try (IndexWriter writer = new IndexWriter(index, new IndexWriterConfig())) {
                writer.addDocument(LuceneDocumentFormat.toDocument(note("a", "alpha"), LuceneKnowledgeStoreTest.NOTES));
                writer.addDocument(LuceneDocumentFormat.toDocument(note("b", "beta"), LuceneKnowledgeStoreTest.NOTES));
            }
            try (DirectoryReader reader = DirectoryReader.open(index)) {
                StoredFields fields = reader.storedFields();
                StoredHitCache.Decoder counting = (f, doc) -> {
                    decoded.incrementAndGet();
                    Document d = f.document(doc);
                    return LuceneDocumentFormat.toStoredEntry("notes", d);
                };

                StoredEntry first = cache.get(reader, fields, 1, counting);
                StoredEntry again = cache.get(reader, fields, 1, counting);

                assertEquals("b", again.id());
                assertEquals("beta", again.payload().get("title"));
                assertEquals(first, again);
                assertEquals(1, decoded.get());
            }
        }
    }

    @Test
    void theCacheKeepsNoMoreThanItsCapacity() throws Exception {
        StoredHitCache cache = new StoredHitCache(2);
        try (Directory index = FSDirectory.open(dir.resolve("index"))) {
            try (IndexWriter writer = new IndexWriter(index, new IndexWriterConfig())) {
                for (String id : List.of("a", "b", "c", "d")) {
                    writer.addDocument(LuceneDocumentFormat.toDocument(note(id, id), LuceneKnowledgeStoreTest.NOTES));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(index)) {
                StoredFields fields = reader.storedFields();
                for (int doc = 0; doc < 4; doc++) {
                    cache.get(
                            reader, fields, doc, (f, d) -> LuceneDocumentFormat.toStoredEntry("notes", f.document(d)));
                }
                assertEquals(2, cache.size());
            }
        }
    }

    @Test
    void anEntryReplacedAfterItWasReadIsFoundWithItsNewPayload() {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, LuceneKnowledgeStoreTest.FOUR_D)) {
            store.open(LuceneKnowledgeStoreTest.NOTES);
            store.upsert("notes", List.of(note("a", "first")));
            SearchRequest request = SearchRequest.of("notes", new float[] {1, 0, 0, 0}, 1);
            assertEquals("first", store.search(request).getFirst().payload().get("title"));

            store.upsert("notes", List.of(note("a", "second")));

            assertEquals("second", store.search(request).getFirst().payload().get("title"));
        }
    }

    @Test
    void aHitsPayloadIsReadOnlyBecauseLaterHitsShareIt() {
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, LuceneKnowledgeStoreTest.FOUR_D)) {
            store.open(LuceneKnowledgeStoreTest.NOTES);
            store.upsert("notes", List.of(note("a", "first")));
            SearchHit hit = store.search(SearchRequest.of("notes", new float[] {1, 0, 0, 0}, 1))
                    .getFirst();

            assertThrows(
                    UnsupportedOperationException.class, () -> hit.payload().put("title", "changed"));
        }
    }
}
