package dev.knowledgerouter.knowledge.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An ONNX BERT encoder loaded from the model files bundled in a jar, with session options of our
 * choosing. LangChain4j's ready-made model uses ONNX Runtime's defaults, whose worker threads spin
 * after every inference and so hold both cores just when the vector search wants them.
 */
final class BundledOnnxModel extends AbstractInProcessEmbeddingModel {
    private final OrtSession session;
    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    private BundledOnnxModel(OrtSession session, OnnxBertBiEncoder encoder, int dimension) {
        super(Runnable::run);
        this.session = session;
        this.encoder = encoder;
        this.dimension = dimension;
    }

    static BundledOnnxModel load(
            String modelResource,
            String tokenizerResource,
            PoolingMode pooling,
            int dimension,
            int threads,
            boolean spinning) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream tokenizer = resource(tokenizerResource)) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            options.addConfigEntry("session.inter_op.allow_spinning", spinning ? "1" : "0");
            byte[] model;
            try (InputStream in = resource(modelResource)) {
                model = in.readAllBytes();
            }
            OrtSession session = env.createSession(model, options);
            return new BundledOnnxModel(session, new OnnxBertBiEncoder(env, session, tokenizer, pooling), dimension);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot start the ONNX runtime for " + modelResource + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelResource + " from the classpath", e);
        }
    }

    /** The tokenizer of a bundled model, without padding or truncation: it measures and cuts texts as they are. */
    static HuggingFaceTokenizer tokenizer(String tokenizerResource) {
        try (InputStream in = resource(tokenizerResource)) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerResource + " from the classpath", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BundledOnnxModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " is not on the classpath; the embeddings jar is missing from target/lib"
                            + " (rebuild with ./mvnw package)");
        }
        return in;
    }

    /** Frees the native session; the caller makes sure no inference is running or will start. */
    void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session: " + e.getMessage(), e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }
}
