package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.embedding.CachingEmbedder;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.TinyBeir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation end to end on a BEIR data set small enough to know the right answers. */
class RetrievalEvaluationTest {
    @TempDir
    Path dir;

    Path tinyBeir() throws IOException {
        return TinyBeir.write(dir.resolve("tiny"));
    }

    @Test
    void everyModeRanksTheObviousDocumentFirstAndReportsItsShape() throws IOException {
        BeirDataset data = BeirDataset.read(tinyBeir());
        assertEquals(5, data.queries().size(), "only judged queries are evaluated");
        CachingEmbedder embedder = new CachingEmbedder(TestStack.embedder(), dir.resolve("cache"));
        List<RetrievalResult> results = new RetrievalEvaluation(embedder, dir.resolve("work"), 3)
                .run(data, List.of(SearchMode.DENSE, SearchMode.BM25, SearchMode.HYBRID), Progress.NONE);
        assertEquals(
                List.of("dense", "bm25", "hybrid"),
                results.stream().map(RetrievalResult::mode).toList());
        for (RetrievalResult r : results) {
            assertEquals(1.0, r.ndcgAt10(), r.mode() + ": " + r);
            assertEquals(1.0, r.recallAt100());
            assertEquals(1.0, r.mrrAt10());
            assertEquals(5, r.corpus());
            assertEquals(3, r.k());
        }
        assertTrue(
                results.get(2).fusion().contains("cross-validated"),
                results.get(2).fusion());
        assertTrue(results.get(2).fusionGrid().size() > 100);

        new RetrievalEvaluation(embedder, dir.resolve("work2"), 3).run(data, List.of(SearchMode.DENSE), Progress.NONE);
        assertEquals(5, embedder.hitsAndMisses()[0], "the second indexing came from the embedding cache");
    }

    @Test
    void aFolderNotInBeirLayoutIsNamedWithWhatIsMissing() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BeirDataset.read(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("corpus.jsonl is missing"), e.getMessage());
    }
}
