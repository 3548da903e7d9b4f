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
 * One inference of a BERT encoder over one tokenized text, pooled as the model was trained: the hidden state of the
 * first token ({@code [CLS]}) for bge models, the mean over every token for sentence-transformers models such as
 * all-MiniLM-L6-v2.
 *
 * <p>One text per inference on purpose: the bundled models are quantised to int8 with dynamic quantisation, which
 * scales each layer's activations by the largest value in the whole input tensor. In a batch every text's vector
 * then depends on the other texts and on the padding (measured for bge: cosine down to 0.978 against the text alone,
 * 0.991 even for texts of equal length), and it was no faster than one at a time. See docs/benchmarks.md.
 */
final class BertEncoder {
    /** How the hidden states of a text's tokens become its one vector. */
    enum Pooling {
        /** The first token's state ({@code [CLS]}). */
        CLS,
        /**
         * The mean of all the tokens' states, special tokens included: every token of one unpadded text has
         * attention mask 1, so this is the attention-masked mean sentence-transformers computes.
         */
        MEAN
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean typed;
    private final int dimension;
    private final Pooling pooling;

    BertEncoder(OrtEnvironment env, OrtSession session, int dimension, Pooling pooling) throws OrtException {
        this.env = env;
        this.session = session;
        Set<String> inputs = session.getInputNames();
        if (!inputs.containsAll(Set.of("input_ids", "attention_mask"))) {
            throw new IllegalStateException("not a BERT encoder: its inputs are " + inputs);
        }
        this.typed = inputs.contains("token_type_ids");
        this.dimension = dimension;
        this.pooling = pooling;
    }

    /** The pooled vector, not normalised, for the ids of one text with its special tokens. */
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
                // The first output is [1, tokens, dimension], one token's row after the other.
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return switch (pooling) {
                    case CLS -> first(hidden);
                    case MEAN -> mean(hidden, ids.length);
                };
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX inference failed: " + e.getMessage(), e);
        }
    }

    private float[] first(FloatBuffer hidden) {
        float[] cls = new float[dimension];
        hidden.get(cls);
        return cls;
    }

    private float[] mean(FloatBuffer hidden, int tokens) {
        float[] sum = new float[dimension];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < dimension; d++) {
                sum[d] += hidden.get();
            }
        }
        for (int d = 0; d < dimension; d++) {
            sum[d] /= tokens;
        }
        return sum;
    }
}
