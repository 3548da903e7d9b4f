package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child process for {@link CrashSafetyTest}: upserts batches of real embeddings as fast as it can,
 * printing the count after every commit, until it is killed.
 */
public final class CrashWriter {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        String run = args[2];
        InProcessEmbedder embedder = new InProcessEmbedder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            texts.add("error number " + i + ": the build failed while resolving dependency " + i);
        }
        List<float[]> vectors = embedder.embedAll(texts, Embedder.Purpose.DOCUMENT);
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir, EmbedderIdentity.of(embedder))) {
            store.open(CrashSafetyTest.COLLECTION);
            for (long round = 0; ; round++) {
                List<Entry> entries = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    String id = run + "-r" + round + "-" + i;
                    entries.add(new Entry(
                            id,
                            Map.of(
                                    "id",
                                    id,
                                    "error",
                                    texts.get(i),
                                    "solution",
                                    "fix " + id,
                                    "padding",
                                    "x".repeat(2000)),
                            vectors.get(i),
                            Instant.now()));
                }
                store.upsert(CrashSafetyTest.COLLECTION.name(), entries);
                System.out.println("committed " + store.count(CrashSafetyTest.COLLECTION.name()));
                System.out.flush();
            }
        }
    }
}
