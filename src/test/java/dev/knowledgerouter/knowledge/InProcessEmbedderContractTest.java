package dev.knowledgerouter.knowledge;

import dev.knowledgerouter.testing.TestStack;

/** The bundled bge-small model keeps the embedder contract. */
class InProcessEmbedderContractTest extends EmbedderContract {
    @Override
    protected Embedder embedder() {
        return TestStack.embedder();
    }
}
