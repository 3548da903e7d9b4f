package dev.knowledgerouter.knowledge;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * bge-small-en-v1.5 (int8-quantised ONNX) running inside the JVM: no network, no model download, 384
 * dimensions, CLS pooling as the model was trained. Queries are embedded without BGE's instruction prefix: measured on SciFact it changes
 * nDCG@10 by nothing and costs recall (see ../shared/DESIGN.md).
 */
public final class InProcessEmbedder implements Embedder {
    public static final String ID = "bge-small-en-v1.5-q";
    private static final int BATCH = 32;

    private final EmbeddingModel model;

    /**
     * Uses every core inside one inference, without ONNX Runtime's spin-waiting between inferences:
     * measured with {@code kr bench route} at 100k entries, spinning threads held the cores the
     * vector search runs on next (search p50 1.2 ms with spinning, 0.75 ms without; embedding
     * itself unchanged within noise). See docs/benchmarks.md.
     */
    public InProcessEmbedder() {
        this.model = BundledOnnxModel.load("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS, 384,
                Runtime.getRuntime().availableProcessors(), false);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text, Purpose purpose) {
        return VectorMath.normalized(model.embed(text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Purpose purpose) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream().map(TextSegment::from).toList();
            for (Embedding e : model.embedAll(batch).content()) {
                out.add(VectorMath.normalized(e.vector()));
            }
        }
        return out;
    }
}
