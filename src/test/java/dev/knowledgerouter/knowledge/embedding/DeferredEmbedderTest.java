package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.EmbedderFactory;
import dev.knowledgerouter.config.EmbedderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A bundled model is loaded by the first call that embeds, or by {@code prepare}, and a closed one never loads. */
class DeferredEmbedderTest {
    @Test
    void itsIdentityIsKnownAndItsModelLoadedOnlyByTheFirstEmbedding() {
        DeferredEmbedder deferred = DeferredEmbedder.of(InProcessModel.MINILM_L6);
        try {
            assertEquals("all-minilm-l6-v2-q", deferred.id());
            assertEquals(384, deferred.dimension());
            assertFalse(deferred.isLoaded());
            float[] vector = deferred.embed("parse command line arguments", Embedder.Purpose.QUERY);
            assertTrue(deferred.isLoaded());
            assertArrayEquals(
                    TestStack.codeEmbedder().embed("parse command line arguments", Embedder.Purpose.QUERY),
                    vector,
                    1e-5f);
        } finally {
            deferred.close();
        }
    }

    @Test
    void onceClosedItRefusesToEmbedAndLoadsNothing() {
        DeferredEmbedder deferred = DeferredEmbedder.of(InProcessModel.MINILM_L6);
        deferred.close();
        assertThrows(EmbedderUnavailableException.class, () -> deferred.embed("x", Embedder.Purpose.QUERY));
        assertFalse(deferred.isLoaded());
    }

    @Test
    void prepareLoadsTheModelBeforeAnyoneEmbeds() {
        DeferredEmbedder deferred = DeferredEmbedder.of(InProcessModel.BGE_SMALL);
        try {
            assertFalse(deferred.isLoaded());

            deferred.prepare();

            assertTrue(deferred.isLoaded());
            assertEquals("bge-small-en-v1.5-q", deferred.id());
        } finally {
            deferred.close();
        }
    }

    @Test
    void theKnowledgeModelAsConfiguredByDefaultIsNotLoadedUntilUsed() {
        KrConfig config = TestStack.config(Path.of("unused-home"));

        try (Embedder knowledge = EmbedderFactory.create(config, EmbedderSettings.Kind.LOCAL)) {
            assertTrue(knowledge instanceof DeferredEmbedder d && !d.isLoaded());
        }
    }
}
