package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Closing the in-process embedder frees a native ONNX session; freeing it under a running inference
 * crashes the JVM. The close waits for the call under way and refuses the ones after it.
 */
class InProcessEmbedderCloseTest {

    @Test
    void closeWaitsForTheEmbeddingUnderWayAndLaterCallsAreRefused() throws Exception {
        InProcessEmbedder embedder = new InProcessEmbedder();
        // One batch (the embedder gives way to a close only between batches of 32): it must run to its end.
        List<String> texts = IntStream.range(0, 32)
                .mapToObj(i -> "a sentence about topic " + i + " and why it matters")
                .toList();
        CompletableFuture<List<float[]>> running = embedding(embedder, texts);
        while (embedder.callsUnderWay() == 0 && !running.isDone()) {
            Thread.onSpinWait();
        }

        embedder.close();

        assertTrue(running.isDone(), "close returned while an embedding was still running");
        List<float[]> vectors = running.get(0, TimeUnit.SECONDS);
        assertEquals(32, vectors.size());
        double norm = 0;
        for (float x : vectors.get(31)) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-3, "a whole vector, computed to its end");
        EmbedderUnavailableException refused = assertThrows(
                EmbedderUnavailableException.class, () -> embedder.embed("after the close", Embedder.Purpose.QUERY));
        assertTrue(refused.getMessage().contains("shutting down"), refused.getMessage());
    }

    @Test
    void aLongCallStopsBetweenItsBatchesOnceTheEmbedderIsClosing() throws Exception {
        InProcessEmbedder embedder = new InProcessEmbedder();
        List<String> texts = IntStream.range(0, 3200).mapToObj(i -> "text " + i).toList();
        CompletableFuture<List<float[]>> running = embedding(embedder, texts);
        while (embedder.callsUnderWay() == 0 && !running.isDone()) {
            Thread.onSpinWait();
        }

        embedder.close();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> running.get(0, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof EmbedderUnavailableException, String.valueOf(failed.getCause()));
    }

    @Test
    void closingTwiceIsHarmless() {
        InProcessEmbedder embedder = new InProcessEmbedder();
        embedder.close();
        embedder.close();
        assertThrows(
                EmbedderUnavailableException.class, () -> embedder.embedAll(List.of("x"), Embedder.Purpose.DOCUMENT));
    }

    private static CompletableFuture<List<float[]>> embedding(Embedder embedder, List<String> texts) {
        return CompletableFuture.supplyAsync(() -> embedder.embedAll(texts, Embedder.Purpose.DOCUMENT));
    }
}
