package dev.knowledgerouter.knowledge.embedding;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderContract;
import dev.knowledgerouter.testing.BagOfWordsOllama;
import dev.knowledgerouter.testing.WireServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The Ollama client keeps the embedder contract against a server that speaks /api/embed and behaves
 * like a model (a hashed bag of words, see {@link BagOfWordsOllama}). This checks the client's wire
 * handling: batching, order, prefixes, normalisation. Whether the real nomic-embed-text keeps the
 * contract is {@link OllamaEmbedderContainerTest}'s question.
 */
class OllamaEmbedderWireContractTest extends EmbedderContract {
    final WireServer ollama = new WireServer().on("/api/embed", new BagOfWordsOllama(768, "nomic-embed-text:latest"));
    final OllamaEmbedder embedder = new OllamaEmbedder(ollama.url(), "nomic-embed-text", Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Override
    protected Embedder embedder() {
        return embedder;
    }
}
