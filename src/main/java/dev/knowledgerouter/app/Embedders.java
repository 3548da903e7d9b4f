package dev.knowledgerouter.app;

import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;

/**
 * The two embedders of an App: {@code knowledge} for every collection the router decides on (its thresholds are
 * calibrated on that model's cosines), {@code code} for the code collections of analysed repositories. The same
 * instance when {@code code.embedder: knowledge}.
 */
public record Embedders(Embedder knowledge, Embedder code) implements AutoCloseable {

    /** One embedder for every collection. */
    public static Embedders single(Embedder embedder) {
        return new Embedders(embedder, embedder);
    }

    /** Which identity each kind of collection is held to. */
    public CollectionEmbedders identities() {
        return new CollectionEmbedders(EmbedderIdentity.of(knowledge), EmbedderIdentity.of(code));
    }

    /** Closes the code embedder first (when it is another one), the knowledge embedder last. */
    @Override
    public void close() {
        try {
            if (code != knowledge) {
                code.close();
            }
        } finally {
            knowledge.close();
        }
    }
}
