package dev.knowledgerouter.knowledge.embedding;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bundled model loaded when it is first asked to embed, not when kr starts: the code model is needed only by
 * processes that analyse or search code, and a command that does neither should not wait for it or hold its memory.
 * Its id and dimension are known without it, so stores check collections against it before it is loaded.
 */
public final class DeferredEmbedder implements Embedder {
    private final String id;
    private final int dimension;
    private final Supplier<Embedder> load;
    /** Guarded by this. */
    private Embedder loaded;
    /** Guarded by this. */
    private boolean closed;

    DeferredEmbedder(String id, int dimension, Supplier<Embedder> load) {
        this.id = id;
        this.dimension = dimension;
        this.load = load;
    }

    /** The bundled {@code model}, run by an {@link InProcessEmbedder} once first asked to embed. */
    public static DeferredEmbedder of(InProcessModel model) {
        return new DeferredEmbedder(model.id(), model.dimension(), () -> new InProcessEmbedder(model));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void prepare() {
        model();
    }

    @Override
    public float[] embed(String text, Purpose purpose) {
        return model().embed(text, purpose);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Purpose purpose) {
        return model().embedAll(texts, purpose);
    }

    @Override
    public String head(String text, int maxTokens) {
        return model().head(text, maxTokens);
    }

    /** Whether the model was loaded (for tests). */
    synchronized boolean isLoaded() {
        return loaded != null;
    }

    /** Closes the model if it was loaded (waiting for the calls under way, as it does); later calls are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        if (loaded != null) {
            loaded.close();
        }
    }

    private synchronized Embedder model() {
        if (closed) {
            throw new EmbedderUnavailableException(
                    "the " + id + " embedder is closed: kr is shutting down; retry against the next start");
        }
        if (loaded == null) {
            loaded = load.get();
        }
        return loaded;
    }
}
