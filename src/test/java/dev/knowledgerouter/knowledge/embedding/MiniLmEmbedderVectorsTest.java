package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.VectorMath;
import dev.knowledgerouter.testing.TestStack;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code collections' model runs through our encoder (one tokenization, mean pooling); for every kind of text it
 * gives LangChain4j's vector, a text longer than the model reads included (both read its first 128 tokens).
 */
class MiniLmEmbedderVectorsTest {
    private static final List<String> TEXTS = List.of(
            "how to read a file line by line in python",
            "Sort a list of records by two keys",
            """
            method CodeIndex.embed (src/main/java/dev/knowledgerouter/code/CodeIndex.java)
            Map<String, float[]> embed(List<Map<String, Object>> payloads) {
                List<String> texts = payloads.stream().map(this::textOf).toList();
                return zip(payloads, embedder.embedAll(texts, Purpose.DOCUMENT));
            }""",
            """
            def parse_args(argv=None):
                parser = argparse.ArgumentParser(description="Convert CSV to JSON")
                parser.add_argument("--input", required=True)
                return parser.parse_args(argv)""",
            "Ünïcödé naïve café, 日本語のテキスト, emoji 🚀 and symbols ≤ ≥ → ∑",
            "x",
            "snake_case_name camelCaseName SCREAMING_CASE kebab-case-name a.b.c::d->e",
            "  leading and trailing   whitespace\t\n  ",
            "word ".repeat(126).strip(),
            "word ".repeat(127).strip(),
            "the quick brown fox jumps over the lazy dog and runs away. "
                    .repeat(20)
                    .strip());

    private static AllMiniLmL6V2QuantizedEmbeddingModel langchain4j;

    @BeforeAll
    static void loadLangChain4jsModel() {
        langchain4j = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @AfterAll
    static void release() {
        langchain4j = null;
    }

    @Test
    void everyTextGetsTheVectorLangChain4jsEncoderGivesIt() {
        List<String> far = new ArrayList<>();
        for (String text : TEXTS) {
            float[] ours = TestStack.codeEmbedder().embed(text, Embedder.Purpose.DOCUMENT);
            float[] theirs = langchain4j.embed(TextSegment.from(text)).content().vector();
            double cosine = cosine(ours, VectorMath.normalized(theirs));
            if (cosine < 0.9999) {
                far.add(String.format("%.6f for %.40s", cosine, text));
            }
        }
        assertTrue(far.isEmpty(), "vectors differ from LangChain4j's: " + far);
    }

    @Test
    void aTextLongerThan128TokensIsReadAsItsFirst128() {
        String first = "alpha ".repeat(126).strip();
        String longer = first + " beta".repeat(300);
        float[] cut = TestStack.codeEmbedder().embed(longer, Embedder.Purpose.DOCUMENT);
        float[] head = TestStack.codeEmbedder().embed(first, Embedder.Purpose.DOCUMENT);
        assertTrue(cosine(cut, head) > 0.9999, "cosine " + cosine(cut, head));
    }

    @Test
    void theHeadOfATextStopsAtWhatTheModelReads() {
        String text = "word ".repeat(600).strip();
        assertEquals("word ".repeat(126).strip(), TestStack.codeEmbedder().head(text, 512));
        assertEquals("word ".repeat(98).strip(), TestStack.codeEmbedder().head(text, 100));
    }

    @Test
    void aBatchGivesEachTextTheVectorItGetsAlone() {
        List<float[]> batch = TestStack.codeEmbedder().embedAll(TEXTS, Embedder.Purpose.DOCUMENT);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = TestStack.codeEmbedder().embed(TEXTS.get(i), Embedder.Purpose.DOCUMENT);
            assertTrue(cosine(batch.get(i), alone) > 0.9999, "text " + i + " changed in a batch");
        }
    }

    @Test
    void itsIdAndDimensionTellItFromTheKnowledgeModel() {
        assertEquals("all-minilm-l6-v2-q", TestStack.codeEmbedder().id());
        assertEquals(384, TestStack.codeEmbedder().dimension());
        assertTrue(!TestStack.codeEmbedder().id().equals(TestStack.embedder().id()));
    }

    /** Both are unit vectors. */
    private static double cosine(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
