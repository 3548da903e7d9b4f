package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Embedder.Purpose;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link Embedder} must do for the stores and the router to work with it: they search by
 * dot product (so unit vectors of the stated length), index in batches and query one text at a time
 * (so a batch must agree with single calls), and compare scores across calls.
 */
public abstract class EmbedderContract {
    /** Batched inference pads texts to a common length; that may move the last bits of a float, never more. */
    static final float SAME = 1e-4f;

    static final String QUESTION = "maven build fails with PKIX path building failed";
    static final String PARAPHRASE = "PKIX path building failed while maven downloads dependencies";
    static final String UNRELATED = "how do I bake sourdough bread";

    /** The embedder under test; the same instance for the whole of one test. */
    protected abstract Embedder embedder();

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void everyVectorHasTheStatedDimensionAndUnitLength(Purpose purpose) {
        for (float[] v : embedder().embedAll(List.of(QUESTION, UNRELATED, "NullPointerException"), purpose)) {
            assertEquals(embedder().dimension(), v.length);
            assertEquals(1.0, norm(v), 1e-4);
        }
    }

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void embeddingAllAtOnceGivesTheVectorsOfEmbeddingOneByOneInOrder(Purpose purpose) {
        List<String> texts = List.of(QUESTION, UNRELATED, PARAPHRASE, "git detached HEAD");
        List<float[]> together = embedder().embedAll(texts, purpose);
        assertEquals(texts.size(), together.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(embedder().embed(texts.get(i), purpose), together.get(i), SAME, "text " + i);
        }
    }

    @Test
    void anEmptyListGivesAnEmptyList() {
        assertEquals(List.of(), embedder().embedAll(List.of(), Purpose.DOCUMENT));
    }

    @Test
    void theSameTextGivesTheSameVectorEveryTime() {
        assertArrayEquals(embedder().embed(QUESTION, Purpose.QUERY), embedder().embed(QUESTION, Purpose.QUERY), SAME);
    }

    @Test
    void aQueryIsCloserToAParaphraseSharingItsWordsThanToAnUnrelatedText() {
        float[] query = embedder().embed(QUESTION, Purpose.QUERY);
        List<float[]> documents = embedder().embedAll(List.of(PARAPHRASE, UNRELATED), Purpose.DOCUMENT);
        double paraphrase = dot(query, documents.get(0));
        double unrelated = dot(query, documents.get(1));
        assertTrue(paraphrase > unrelated, "paraphrase " + paraphrase + " vs unrelated " + unrelated);
    }

    @Test
    void theIdIsNonBlankAndDoesNotChangeWithUse() {
        String id = embedder().id();
        assertFalse(id == null || id.isBlank());
        embedder().embed(QUESTION, Purpose.QUERY);
        assertEquals(id, embedder().id());
    }

    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
