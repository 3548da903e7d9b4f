package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CachingEmbedder;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.testing.TestStack;
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
        Path d = Files.createDirectories(dir.resolve("tiny").resolve("qrels"));
        Files.write(d.getParent().resolve("corpus.jsonl"), List.of(
                "{\"_id\": \"d1\", \"title\": \"Docker socket\", \"text\": \"Permission denied on /var/run/docker.sock: add the user to the docker group.\"}",
                "{\"_id\": \"d2\", \"title\": \"Git detached HEAD\", \"text\": \"You are in detached HEAD state; create a branch with git switch -c.\"}",
                "{\"_id\": \"d3\", \"title\": \"Maven certificates\", \"text\": \"PKIX path building failed: import the proxy CA with keytool.\"}",
                "{\"_id\": \"d4\", \"title\": \"Python venv\", \"text\": \"externally-managed-environment: create a virtual environment with python -m venv.\"}",
                "{\"_id\": \"d5\", \"title\": \"Node peer deps\", \"text\": \"npm ERESOLVE unable to resolve dependency tree: align the peer dependency versions.\"}"));
        Files.write(d.getParent().resolve("queries.jsonl"), List.of(
                "{\"_id\": \"q1\", \"text\": \"docker.sock permission denied\"}",
                "{\"_id\": \"q2\", \"text\": \"PKIX path building failed in maven\"}",
                "{\"_id\": \"q3\", \"text\": \"npm ERESOLVE peer dependency conflict\"}",
                "{\"_id\": \"q4\", \"text\": \"git detached HEAD how to keep my commits\"}",
                "{\"_id\": \"q5\", \"text\": \"pip refuses: externally-managed-environment\"}",
                "{\"_id\": \"unjudged\", \"text\": \"not evaluated\"}"));
        Files.write(d.resolve("test.tsv"), List.of("query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td3\t1", "q3\td5\t1", "q4\td2\t1", "q5\td4\t1"));
        return d.getParent();
    }

    @Test
    void everyModeRanksTheObviousDocumentFirstAndReportsItsShape() throws IOException {
        BeirDataset data = BeirDataset.read(tinyBeir());
        assertEquals(5, data.queries().size(), "only judged queries are evaluated");
        CachingEmbedder embedder = new CachingEmbedder(TestStack.embedder(), dir.resolve("cache"));
        List<RetrievalResult> results = new RetrievalEvaluation(embedder, dir.resolve("work"), 3)
                .run(data, List.of(SearchMode.DENSE, SearchMode.BM25, SearchMode.HYBRID), Progress.NONE);
        assertEquals(List.of("dense", "bm25", "hybrid"), results.stream().map(RetrievalResult::mode).toList());
        for (RetrievalResult r : results) {
            assertEquals(1.0, r.ndcgAt10(), r.mode() + ": " + r);
            assertEquals(1.0, r.recallAt100());
            assertEquals(1.0, r.mrrAt10());
            assertEquals(5, r.corpus());
            assertEquals(3, r.k());
        }
        assertTrue(results.get(2).fusion().contains("cross-validated"), results.get(2).fusion());
        assertTrue(results.get(2).fusionGrid().size() > 100);

        new RetrievalEvaluation(embedder, dir.resolve("work2"), 3).run(data, List.of(SearchMode.DENSE), Progress.NONE);
        assertEquals(5, embedder.hitsAndMisses()[0], "the second indexing came from the embedding cache");
    }

    @Test
    void aFolderNotInBeirLayoutIsNamedWithWhatIsMissing() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BeirDataset.read(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("corpus.jsonl is missing"), e.getMessage());
    }
}
