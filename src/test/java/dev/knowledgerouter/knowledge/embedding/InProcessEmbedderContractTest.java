package dev.knowledgerouter.knowledge.embedding;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderContract;
import dev.knowledgerouter.testing.TestStack;

/** The bundled bge-small model keeps the embedder contract. */
class InProcessEmbedderContractTest extends EmbedderContract {
    @Override
    protected Embedder embedder() {
        return TestStack.embedder();
    }
}
