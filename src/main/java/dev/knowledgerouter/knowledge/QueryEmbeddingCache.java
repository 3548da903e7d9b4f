package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of the last {@code capacity} distinct query texts, exactly as asked (no case or
 * space folding: the model sees the exact text, so only the exact text may reuse its vector; texts are
 * told apart by their {@link TextHash}, so a long query costs 32 characters of key, not its length). A
 * retried request, a question asked again, and the second look at the same text within one request (the code
 * context search embeds the query the routing already embedded) then cost no model run. Documents pass
 * straight through: they are embedded once when stored, and {@code CachingEmbedder} keeps those on disk.
 * Held in memory only, least recently used first out, so it is bounded by {@code capacity} vectors (1,024
 * vectors of 384 floats are about 1.6 MB).
 */
public final class QueryEmbeddingCache implements Embedder {
    private final Embedder delegate;
    private final int capacity;
    private final Map<String, float[]> vectors;
    private long hits;
    private long misses;

    private QueryEmbeddingCache(Embedder delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** {@code delegate} itself when {@code capacity} is 0 (the cache turned off). */
    public static Embedder over(Embedder delegate, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a query embedding cache holds 0 or more vectors, not " + capacity);
        }
        return capacity == 0 ? delegate : new QueryEmbeddingCache(delegate, capacity);
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
        if (purpose != Purpose.QUERY) {
            return delegate.embed(text, purpose);
        }
        String key = TextHash.of(text);
        float[] known = remembered(key);
        if (known != null) {
            return known;
        }
        // Embedded outside the lock: two threads missing the same text both run the model, which is rare and
        // cheaper than making every other query wait for one embedding.
        float[] fresh = delegate.embed(text, purpose);
        remember(key, fresh);
        return fresh.clone();
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Purpose purpose) {
        if (purpose != Purpose.QUERY) {
            return delegate.embedAll(texts, purpose);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(embed(text, purpose));
        }
        return out;
    }

    @Override
    public String head(String text, int maxTokens) {
        return delegate.head(text, maxTokens);
    }

    @Override
    public void prepare() {
        delegate.prepare();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Queries answered from the cache and embedded by the model, since this cache was made. */
    public synchronized Counts counts() {
        return new Counts(hits, misses, vectors.size());
    }

    /** What the cache did: {@code held} is how many vectors it holds now. */
    public record Counts(long hits, long misses, int held) {}

    /** A copy, so that a caller changing its vector never changes the one the next caller gets. */
    private synchronized float[] remembered(String key) {
        float[] v = vectors.get(key);
        if (v == null) {
            misses++;
            return null;
        }
        hits++;
        return v.clone();
    }

    private synchronized void remember(String key, float[] vector) {
        vectors.put(key, vector.clone());
        if (vectors.size() > capacity) {
            vectors.remove(vectors.keySet().iterator().next());
        }
    }
}
