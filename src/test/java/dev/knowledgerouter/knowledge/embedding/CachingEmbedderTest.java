package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbedderTest {
    @TempDir
    Path dir;

    @Test
    void aSecondInstanceServesKnownTextsFromDiskWithIdenticalVectors() {
        List<String> texts = List.of("git detached HEAD", "docker socket permission denied");
        CachingEmbedder first = new CachingEmbedder(TestStack.embedder(), dir);
        List<float[]> cold = first.embedAll(texts, Embedder.Purpose.DOCUMENT);
        assertArrayEquals(new long[] {0, 2}, first.hitsAndMisses());

        CachingEmbedder second = new CachingEmbedder(TestStack.embedder(), dir);
        List<float[]> warm = second.embedAll(List.of(texts.get(1), "a new text"), Embedder.Purpose.DOCUMENT);
        assertArrayEquals(new long[] {1, 1}, second.hitsAndMisses());
        assertArrayEquals(cold.get(1), warm.get(0));
        assertArrayEquals(TestStack.embedder().embed("a new text", Embedder.Purpose.DOCUMENT), warm.get(1), 1e-6f);
    }

    @Test
    void aRecordTornByACrashIsDroppedAndTheRestIsKept() throws Exception {
        CachingEmbedder first = new CachingEmbedder(TestStack.embedder(), dir);
        first.embedAll(List.of("one", "two"), Embedder.Purpose.DOCUMENT);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        CachingEmbedder second = new CachingEmbedder(TestStack.embedder(), dir);
        second.embedAll(List.of("one", "two"), Embedder.Purpose.DOCUMENT);
        assertArrayEquals(new long[] {2, 0}, second.hitsAndMisses());
        assertEquals(0, Files.size(file) % (16 + 4 * 384));
    }

    @Test
    void queriesAreNeverCached() {
        CachingEmbedder cache = new CachingEmbedder(TestStack.embedder(), dir);
        cache.embed("what is a detached HEAD", Embedder.Purpose.QUERY);
        assertArrayEquals(new long[] {0, 0}, cache.hitsAndMisses());
    }
}
