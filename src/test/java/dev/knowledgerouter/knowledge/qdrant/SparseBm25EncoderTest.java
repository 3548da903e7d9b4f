package dev.knowledgerouter.knowledge.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Bm25Params;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparseBm25EncoderTest {
    private final SparseBm25Encoder encoder = new SparseBm25Encoder(new Bm25Params(0.9, 0.4));

    private static Map<Integer, Float> asMap(SparseBm25Encoder.Sparse s) {
        Map<Integer, Float> m = new HashMap<>();
        for (int i = 0; i < s.indices().size(); i++) {
            m.put(s.indices().get(i), s.values().get(i));
        }
        return m;
    }

    @Test
    void aQueryAndADocumentShareTheIndicesOfTheirCommonStemmedTerms() {
        Map<Integer, Float> doc = asMap(encoder.document("Maven builds failing on certificates"));
        Map<Integer, Float> query = asMap(encoder.query("maven build failed certificate"));
        assertTrue(
                doc.keySet().containsAll(query.keySet()),
                "stemmed terms meet: " + doc.keySet() + " vs " + query.keySet());
    }

    @Test
    void queryTermsWeighOneEachSoTheServersIdfWeighsThem() {
        SparseBm25Encoder.Sparse q = encoder.query("gradle gradle daemon");
        assertEquals(2, q.indices().size());
        q.values().forEach(v -> assertEquals(1f, v));
    }

    @Test
    void documentWeightsAreBm25TermFrequencySaturation() {
        // 4 tokens: norm = k1 * (1 - b + b * 4 / 100); one occurrence -> (k1 + 1) / (1 + norm).
        Map<Integer, Float> doc = asMap(encoder.document("kafka consumer lag alert"));
        double norm = 0.9 * (1 - 0.4 + 0.4 * 4 / SparseBm25Encoder.AVERAGE_TOKENS);
        doc.values().forEach(v -> assertEquals(1.9 / (1 + norm), v, 1e-6));
    }

    @Test
    void aRepeatedTermWeighsMoreButSaturates() {
        Map<Integer, Float> once = asMap(encoder.document("deadlock"));
        Map<Integer, Float> many = asMap(encoder.document("deadlock deadlock deadlock deadlock deadlock deadlock"));
        float w1 = once.values().iterator().next();
        float w6 = many.values().iterator().next();
        assertTrue(w6 > w1 && w6 < 1.9f, w1 + " < " + w6 + " < k1 + 1");
    }

    @Test
    void stopWordsAloneGiveAnEmptyVector() {
        assertTrue(encoder.query("the and of").isEmpty());
    }
}
