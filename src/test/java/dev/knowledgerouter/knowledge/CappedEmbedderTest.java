package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/** Documents are embedded up to a number of the model's own tokens; queries whole. The real in-process model. */
class CappedEmbedderTest {
    private static final Embedder MODEL = TestStack.embedder();
    private static final String LONG = IntStream.range(0, 400)
            .mapToObj(i -> "parse the configuration file number " + i)
            .collect(Collectors.joining(". "));

    @Test
    void aDocumentLongerThanTheCapIsEmbeddedAsItsHead() {
        CappedEmbedder capped = new CappedEmbedder(MODEL, 64);
        String head = MODEL.head(LONG, 64);

        assertTrue(LONG.startsWith(head) && head.length() < LONG.length(), head);
        assertArrayEquals(
                MODEL.embed(head, Embedder.Purpose.DOCUMENT),
                capped.embedAll(List.of(LONG), Embedder.Purpose.DOCUMENT).getFirst(),
                1e-5f);
    }

    @Test
    void theHeadHoldsAtMostTheCapInTokensCountingTheTwoTheModelAdds() {
        String head = MODEL.head(LONG, 64);
        String oneWordMore = MODEL.head(LONG, 65);

        assertTrue(oneWordMore.length() > head.length(), "each token counts");
        assertEquals(MODEL.head(head, 64), head, "the head fits the cap itself");
    }

    @Test
    void aTextWithinTheCapIsEmbeddedWhole() {
        String text = "retry the upload when the server answers 503";

        assertEquals(text, MODEL.head(text, 512));
        assertArrayEquals(
                MODEL.embed(text, Embedder.Purpose.DOCUMENT),
                new CappedEmbedder(MODEL, 512).embed(text, Embedder.Purpose.DOCUMENT),
                1e-5f);
    }

    @Test
    void queriesAreNotCapped() {
        CappedEmbedder capped = new CappedEmbedder(MODEL, 16);

        float[] query = capped.embed(LONG, Embedder.Purpose.QUERY);

        assertTrue(VectorUtil.dotProduct(query, MODEL.embed(LONG, Embedder.Purpose.QUERY)) > 0.9999);
        assertFalse(VectorUtil.dotProduct(query, MODEL.embed(MODEL.head(LONG, 16), Embedder.Purpose.QUERY)) > 0.9999);
    }
}
