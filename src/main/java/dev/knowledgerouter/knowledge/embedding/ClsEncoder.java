package dev.knowledgerouter.knowledge.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One inference of a BERT encoder over one tokenized text, pooled to the hidden state of its first token
 * ({@code [CLS]}), as bge models are trained.
 *
 * <p>One text per inference on purpose: the bundled model is quantised to int8 with dynamic quantisation, which
 * scales each layer's activations by the largest value in the whole input tensor. In a batch every text's vector
 * then depends on the other texts and on the padding (measured: cosine down to 0.978 against the text alone, 0.991
 * even for texts of equal length), and it was no faster than one at a time. See docs/benchmarks.md.
 */
final class ClsEncoder {
    /** The model's position embeddings end here; the ids include {@code [CLS]} and {@code [SEP]}. */
    static final int MAX_TOKENS = 512;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean typed;
    private final int dimension;

    ClsEncoder(OrtEnvironment env, OrtSession session, int dimension) throws OrtException {
        this.env = env;
        this.session = session;
        Set<String> inputs = session.getInputNames();
        if (!inputs.containsAll(Set.of("input_ids", "attention_mask"))) {
            throw new IllegalStateException("not a BERT encoder: its inputs are " + inputs);
        }
        this.typed = inputs.contains("token_type_ids");
        this.dimension = dimension;
    }

    /** The {@code [CLS]} vector, not normalised, for the ids of one text with its special tokens. */
    float[] encode(long[] ids) {
        long[] shape = {1, ids.length};
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1L);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", inputIds);
            inputs.put("attention_mask", mask);
            if (typed) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                // The first output is [1, tokens, dimension]; the first token's row comes first.
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] cls = new float[dimension];
                hidden.get(cls);
                return cls;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX inference failed: " + e.getMessage(), e);
        }
    }
}
