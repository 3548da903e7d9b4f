package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.testing.TestStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real writer process at arbitrary moments and checks what is left on disk. */
class CrashSafetyTest {
    static final CollectionDefinition COLLECTION = new CollectionDefinition(
            "error-solutions", "crash test", CollectionKind.KNOWLEDGE, List.of("error"), "solution", "error");
    static final int BATCH = 40;

    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidWriteLeavesAnOpenableStoreHoldingOnlyWholeCommits() throws Exception {
        Random random = new Random(7);
        long lastCount = 0;
        for (int kill = 0; kill < 3; kill++) {
            Process child = startWriter("run" + kill);
            int commitsToWaitFor = 2 + random.nextInt(3);
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int seen = 0;
                String line;
                while (seen < commitsToWaitFor && (line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        seen++;
                    }
                }
                assertEquals(
                        commitsToWaitFor,
                        seen,
                        "the writer stopped before committing; stderr: "
                                + new String(child.getErrorStream().readAllBytes()));
                Thread.sleep(random.nextInt(40));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }

            try (LuceneKnowledgeStore store =
                    new LuceneKnowledgeStore(dir, EmbedderIdentity.of(TestStack.embedder()))) {
                store.open(COLLECTION);
                long count = store.count(COLLECTION.name());
                assertEquals(
                        0,
                        count % BATCH,
                        "a commit is all or nothing, so the count is a whole number of batches: " + count);
                assertTrue(count >= lastCount + (long) commitsToWaitFor * BATCH, count + " after kill " + kill);
                float[] q = TestStack.embedder()
                        .embed("the build failed while resolving dependency 7", Embedder.Purpose.QUERY);
                assertFalse(
                        store.search(SearchRequest.of(COLLECTION.name(), q, 3)).isEmpty());
                lastCount = count;
            }
        }
    }

    private Process startWriter(String run) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString(),
                        Integer.toString(BATCH),
                        run)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
