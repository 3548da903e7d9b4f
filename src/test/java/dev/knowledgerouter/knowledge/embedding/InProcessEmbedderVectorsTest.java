package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.VectorMath;
import dev.knowledgerouter.testing.TestStack;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedder runs the model itself instead of through LangChain4j's encoder; every vector already stored was
 * made by LangChain4j's, so for every kind of text the two must agree.
 */
class InProcessEmbedderVectorsTest {
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
            "word ".repeat(509).strip(),
            "word ".repeat(510).strip(),
            "a much longer text than one window holds, about configuration and routing. ".repeat(60));

    private static BgeSmallEnV15QuantizedEmbeddingModel langchain4j;

    @BeforeAll
    static void loadLangChain4jsModel() {
        langchain4j = new BgeSmallEnV15QuantizedEmbeddingModel();
    }

    @AfterAll
    static void release() {
        langchain4j = null;
    }

    @Test
    void everyTextGetsTheVectorLangChain4jsEncoderGivesIt() {
        List<String> far = new ArrayList<>();
        for (String text : TEXTS) {
            float[] ours = TestStack.embedder().embed(text, Embedder.Purpose.DOCUMENT);
            float[] theirs = langchain4j.embed(TextSegment.from(text)).content().vector();
            double cosine = cosine(ours, VectorMath.normalized(theirs));
            if (cosine < 0.9999) {
                far.add(String.format("%.6f for %.40s", cosine, text));
            }
        }
        assertTrue(far.isEmpty(), "vectors differ from LangChain4j's: " + far);
    }

    @Test
    void aBatchGivesEachTextTheVectorItGetsAlone() {
        List<float[]> batch = TestStack.embedder().embedAll(TEXTS, Embedder.Purpose.DOCUMENT);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = TestStack.embedder().embed(TEXTS.get(i), Embedder.Purpose.DOCUMENT);
            assertTrue(cosine(batch.get(i), alone) > 0.9999, "text " + i + " changed in a batch");
        }
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
