package dev.knowledgerouter.knowledge.embedding;

import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderContract;

/** The bundled bge-small model keeps the embedder contract. */
class InProcessEmbedderContractTest extends EmbedderContract {
    @Override
    protected Embedder embedder() {
        return TestStack.embedder();
    }
}
