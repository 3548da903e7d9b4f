package dev.knowledgerouter.app;

import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.EmbedderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.embedding.DeferredEmbedder;
import dev.knowledgerouter.knowledge.embedding.InProcessModel;
import dev.knowledgerouter.knowledge.embedding.OllamaEmbedder;
import java.time.Duration;

/** The embedder {@code embedder:} names: the in-process model, or an Ollama embedding model. */
public final class EmbedderFactory {
    /** Embedding a batch is quick next to answering; a minute covers a cold model load. */
    private static final Duration OLLAMA_TIMEOUT = Duration.ofSeconds(60);

    private EmbedderFactory() {}

    public static Embedder create(KrConfig config) {
        return create(config, config.embedder().kind());
    }

    /** The knowledge embedder {@code embedder:} names, and the code embedder {@code code.embedder} names. */
    public static Embedders both(KrConfig config) {
        Embedder knowledge = create(config);
        try {
            return new Embedders(knowledge, code(config.code().embedder(), knowledge));
        } catch (RuntimeException e) {
            knowledge.close();
            throw e;
        }
    }

    /**
     * The code embedder: the bundled all-MiniLM-L6-v2, loaded when code is first embedded (most commands never
     * do), or the knowledge embedder itself.
     */
    public static Embedder code(CodeSettings.CodeEmbedder choice, Embedder knowledge) {
        return switch (choice) {
            case MINILM -> DeferredEmbedder.of(InProcessModel.MINILM_L6);
            case KNOWLEDGE -> knowledge;
        };
    }

    public static Embedder create(KrConfig config, EmbedderSettings.Kind kind) {
        EmbedderSettings s = config.embedder();
        return switch (kind) {
            // Loaded on first use: most commands (analyse, status, usage, impact) never embed a question.
            case LOCAL -> DeferredEmbedder.of(InProcessModel.BGE_SMALL);
            case OLLAMA ->
                s.dimension().isPresent()
                        ? new OllamaEmbedder(
                                config.ollama().host(),
                                s.ollamaModel(),
                                s.dimension().get(),
                                OLLAMA_TIMEOUT)
                        : new OllamaEmbedder(config.ollama().host(), s.ollamaModel(), OLLAMA_TIMEOUT);
        };
    }
}
