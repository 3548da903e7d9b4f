package dev.knowledgerouter.knowledge;

import java.util.List;

/**
 * Turns text into unit-length vectors. Queries and stored documents may be embedded differently
 * (nomic-embed-text wants task prefixes), hence the {@link Purpose}.
 */
public interface Embedder extends AutoCloseable {

    enum Purpose {
        QUERY,
        DOCUMENT
    }

    /** A stable name for the model and its settings; stored with every collection it fills. */
    String id();

    int dimension();

    float[] embed(String text, Purpose purpose);

    List<float[]> embedAll(List<String> texts, Purpose purpose);

    /**
     * The start of {@code text} that this embedder reads as at most {@code maxTokens} tokens of its model's
     * own tokenizer (special tokens included); the text itself when it fits, or when the embedder cannot count
     * tokens (the default).
     */
    default String head(String text, int maxTokens) {
        return text;
    }

    /**
     * Loads now what the first embedding would otherwise wait for (a bundled model is loaded on first use); nothing
     * by default. A server calls it while it starts, so its first query does not pay for the load.
     */
    default void prepare() {}

    /**
     * Releases what the embedder holds (the in-process model's native session). It waits, for a bounded
     * time, for calls under way; calls after it fail with {@link EmbedderUnavailableException}. Nothing to
     * release by default.
     */
    @Override
    default void close() {}
}
