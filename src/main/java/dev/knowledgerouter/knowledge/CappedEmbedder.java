package dev.knowledgerouter.knowledge;

import java.util.List;

/**
 * Embeds only the start of each document, up to a number of tokens ({@link Embedder#head}); queries whole. The
 * in-process model reads at most 512 tokens at once and averages the embeddings of longer texts window by window,
 * and its cost grows with every token: a cap bounds both. What is stored and searched by words stays whole.
 */
public final class CappedEmbedder implements Embedder {
    private final Embedder delegate;
    private final int maxTokens;

    public CappedEmbedder(Embedder delegate, int maxTokens) {
        if (maxTokens < 8) {
            throw new IllegalArgumentException("a cap below 8 tokens leaves nothing to embed, got " + maxTokens);
        }
        this.delegate = delegate;
        this.maxTokens = maxTokens;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public float[] embed(String text, Purpose purpose) {
        return delegate.embed(purpose == Purpose.DOCUMENT ? head(text, maxTokens) : text, purpose);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Purpose purpose) {
        return delegate.embedAll(
                purpose == Purpose.DOCUMENT
                        ? texts.stream().map(t -> head(t, maxTokens)).toList()
                        : texts,
                purpose);
    }

    @Override
    public String head(String text, int tokens) {
        return delegate.head(text, Math.min(tokens, maxTokens));
    }

    /** The delegate stays open: whoever made it closes it. */
    @Override
    public void prepare() {
        delegate.prepare();
    }

    @Override
    public void close() {}
}
