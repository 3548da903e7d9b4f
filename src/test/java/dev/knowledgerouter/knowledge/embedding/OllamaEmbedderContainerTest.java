package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderContract;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

/**
 * The real nomic-embed-text, in a real Ollama, keeps the embedder contract, and a model that is not
 * pulled gets the {@code ollama pull} hint. Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class OllamaEmbedderContainerTest extends EmbedderContract {
    /** About 270 MB: the full stack's embedding model, small enough to pull in a CI job. */
    static final String MODEL = "nomic-embed-text";

    @Container
    static final OllamaContainer OLLAMA = new OllamaContainer("ollama/ollama:0.24.0");

    static OllamaEmbedder embedder;

    @BeforeAll
    static void pullTheModelOnce() throws Exception {
        ExecResult pull = OLLAMA.execInContainer("ollama", "pull", MODEL);
        assertEquals(0, pull.getExitCode(), pull.getStderr());
        embedder = new OllamaEmbedder(OLLAMA.getEndpoint(), MODEL, Duration.ofMinutes(2));
    }

    @Override
    protected Embedder embedder() {
        return embedder;
    }

    @Test
    void aModelThatIsNotPulledGetsTheOllamaPullHint() {
        OllamaEmbedder missing = new OllamaEmbedder(OLLAMA.getEndpoint(), "all-minilm", Duration.ofMinutes(1));
        EmbedderUnavailableException e =
                assertThrows(EmbedderUnavailableException.class, () -> missing.embed("hello", Embedder.Purpose.QUERY));
        assertTrue(e.getMessage().contains("ollama pull all-minilm"), e.getMessage());
    }
}
