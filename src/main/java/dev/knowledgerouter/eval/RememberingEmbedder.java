package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers every vector for the length of one evaluation, so that ten seeded splits of the same
 * prompts embed each prompt once (the on-disk cache keeps documents only, not queries).
 */
final class RememberingEmbedder implements Embedder {
    private final Embedder delegate;
    private final Map<Purpose, Map<String, float[]>> seen = new HashMap<>();

    RememberingEmbedder(Embedder delegate) {
        this.delegate = delegate;
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
        return embedAll(List.of(text), purpose).getFirst();
    }

    @Override
    public synchronized List<float[]> embedAll(List<String> texts, Purpose purpose) {
        Map<String, float[]> known = seen.computeIfAbsent(purpose, p -> new HashMap<>());
        List<String> missing =
                texts.stream().filter(t -> !known.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> vectors = delegate.embedAll(missing, purpose);
            for (int i = 0; i < missing.size(); i++) {
                known.put(missing.get(i), vectors.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(known.get(t));
        }
        return out;
    }

    @Override
    public void prepare() {
        delegate.prepare();
    }
}
