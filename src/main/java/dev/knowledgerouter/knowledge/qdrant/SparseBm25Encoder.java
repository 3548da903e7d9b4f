package dev.knowledgerouter.knowledge.qdrant;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.Bm25Terms;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.StringHelper;

/**
 * BM25 as sparse vectors, for a server that multiplies sparse dot products by each term's inverse
 * document frequency (Qdrant's {@code modifier: idf}). A document carries BM25's saturated term
 * frequency per term, a query carries 1 per distinct term, so the server's IDF-weighted dot product
 * is the BM25 score. Terms come from {@link Bm25Terms}, as the Lucene store's do, so both stores match the
 * same words. The one approximation: the length normalisation uses a fixed average document length,
 * because the true average changes with every write and the vectors are stored.
 */
final class SparseBm25Encoder {
    /** Typical embedded text of a knowledge entry, in analysed tokens. */
    static final double AVERAGE_TOKENS = 100;

    /** Indices are unsigned 32-bit term hashes; values are the weights. */
    record Sparse(List<Integer> indices, List<Float> values) {
        boolean isEmpty() {
            return indices.isEmpty();
        }
    }

    private final Bm25Params params;
    private final Bm25Terms terms = new Bm25Terms();

    SparseBm25Encoder(Bm25Params params) {
        this.params = params;
    }

    Sparse document(String text) {
        Map<Integer, Integer> tf = termFrequencies(text, Integer.MAX_VALUE);
        int length = tf.values().stream().mapToInt(Integer::intValue).sum();
        double norm = params.k1() * (1 - params.b() + params.b() * length / AVERAGE_TOKENS);
        List<Integer> indices = new ArrayList<>(tf.size());
        List<Float> values = new ArrayList<>(tf.size());
        tf.forEach((term, f) -> {
            indices.add(term);
            values.add((float) (f * (params.k1() + 1) / (f + norm)));
        });
        return new Sparse(indices, values);
    }

    Sparse query(String text) {
        Map<Integer, Integer> tf = termFrequencies(text, Bm25Terms.MAX_QUERY_TERMS);
        return new Sparse(
                List.copyOf(tf.keySet()), tf.keySet().stream().map(t -> 1f).toList());
    }

    private Map<Integer, Integer> termFrequencies(String text, int maxTerms) {
        Map<Integer, Integer> tf = new LinkedHashMap<>();
        terms.forEach(text, term -> {
            byte[] bytes = term.getBytes(StandardCharsets.UTF_8);
            int index = StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, 0x6b72);
            if (tf.containsKey(index) || tf.size() < maxTerms) {
                tf.merge(index, 1, Integer::sum);
            }
        });
        return tf;
    }
}
