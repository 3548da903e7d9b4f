package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first index of a repository: embedding while parsing, and vectors reused by text across repositories. */
class FirstIndexTest {
    private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    @TempDir
    Path home;

    @TempDir
    Path repo;

    /** The real in-process model, counting the texts it is asked to embed as documents. */
    private static final class CountingEmbedder implements Embedder {
        final AtomicInteger documents = new AtomicInteger();

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
            return embedAll(List.of(text), purpose).getFirst();
        }

        @Override
        public List<float[]> embedAll(List<String> texts, Purpose purpose) {
            if (purpose == Purpose.DOCUMENT) {
                documents.addAndGet(texts.size());
            }
            return TestStack.embedder().embedAll(texts, purpose);
        }

        @Override
        public String head(String text, int maxTokens) {
            return TestStack.embedder().head(text, maxTokens);
        }
    }

    private record Stored(Map<String, Object> payload, float[] vector) {}

    private static Map<String, Stored> entries(LuceneKnowledgeStore store, String repository) {
        Map<String, Stored> out = new HashMap<>();
        store.scanWithVectors(
                CodeIndex.collection(repository),
                Instant.EPOCH,
                END,
                (entry, vector) -> out.put(entry.id(), new Stored(entry.payload(), vector)));
        return out;
    }

    private static AnalysisResult analyze(Path graphs, CodeIndex index, Path root, String name, boolean pipelined)
            throws IOException {
        return new RepositoryAnalyzer(
                        graphs,
                        index,
                        ScanPolicy.defaults(),
                        Optional.empty(),
                        Optional.empty(),
                        Clock.systemUTC(),
                        pipelined)
                .analyze(new AnalysisRequest(root, name, SummaryMode.NONE), Progress.NONE);
    }

    @Test
    void embeddingWhileParsingWritesTheSameEntriesAsEmbeddingAfterwards() throws IOException {
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/python"), repo);
        Map<String, Stored> pipelined;
        Map<String, Stored> sequential;
        try (LuceneKnowledgeStore a =
                        new LuceneKnowledgeStore(home.resolve("a"), EmbedderIdentity.of(TestStack.embedder()));
                LuceneKnowledgeStore b =
                        new LuceneKnowledgeStore(home.resolve("b"), EmbedderIdentity.of(TestStack.embedder()))) {
            analyze(home.resolve("ga"), new CodeIndex(a, TestStack.embedder()), repo, "shop", true);
            analyze(home.resolve("gb"), new CodeIndex(b, TestStack.embedder()), repo, "shop", false);
            pipelined = entries(a, "shop");
            sequential = entries(b, "shop");
        }

        assertEquals(sequential.keySet(), pipelined.keySet());
        sequential.forEach((id, entry) -> {
            assertEquals(entry.payload(), pipelined.get(id).payload(), id);
            assertTrue(VectorUtil.dotProduct(entry.vector(), pipelined.get(id).vector()) > 0.9999, id);
        });
    }

    @Test
    void aSecondRepositoryWithTheSameCodeReusesTheStoredVectorsInsteadOfEmbedding() throws IOException {
        for (int f = 0; f < 10; f++) {
            StringBuilder source = new StringBuilder();
            for (int g = 0; g < 7; g++) {
                source.append("def step_")
                        .append(f)
                        .append('_')
                        .append(g)
                        .append("(x):\n")
                        .append("    \"\"\"Step ")
                        .append(g)
                        .append(" of stage ")
                        .append(f)
                        .append(".\"\"\"\n")
                        .append("    return x + ")
                        .append(g)
                        .append("\n\n\n");
            }
            Files.writeString(repo.resolve("stage_" + f + ".py"), source.toString());
        }
        CountingEmbedder counting = new CountingEmbedder();
        try (LuceneKnowledgeStore store =
                new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()))) {
            CodeIndex index = new CodeIndex(store, counting);
            AnalysisResult first = analyze(home.resolve("graphs"), index, repo, "original", true);
            int embeddedFirst = counting.documents.getAndSet(0);

            AnalysisResult second = analyze(home.resolve("graphs"), index, repo, "fork", true);

            assertEquals(80, first.indexed(), "ten files of seven functions");
            assertEquals(80, embeddedFirst);
            assertEquals(80, second.indexed());
            assertEquals(0, counting.documents.get(), "every text of the fork is stored already");
            Map<String, Stored> original = entries(store, "original");
            entries(store, "fork")
                    .forEach((id, entry) -> assertTrue(
                            VectorUtil.dotProduct(
                                            entry.vector(), original.get(id).vector())
                                    > 0.9999,
                            id));
        }
    }
}
