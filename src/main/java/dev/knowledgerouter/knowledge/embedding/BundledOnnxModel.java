package dev.knowledgerouter.knowledge.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A BERT encoder loaded from the model files bundled in a jar, with session options of our choosing. LangChain4j's
 * ready-made model uses ONNX Runtime's defaults, whose worker threads spin after every inference and so hold both
 * cores just when the vector search wants them.
 *
 * <p>A text the model reads in one window (at most {@link InProcessModel#maxTokens()} tokens) is tokenized once and
 * run here ({@link BertEncoder}); LangChain4j's encoder tokenizes every text three times before its one inference. A
 * longer text is cut to its first window for a model trained that way (all-MiniLM-L6-v2), or else goes to
 * LangChain4j's encoder, which averages the vectors of its windows; so does an empty text, which ours refuses. Both
 * give the same vector for a text that fits (see InProcessEmbedderVectorsTest).
 */
final class BundledOnnxModel {
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final BertEncoder encoder;
    private final Windowed windowed;
    private final InProcessModel spec;

    private BundledOnnxModel(
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            BertEncoder encoder,
            Windowed windowed,
            InProcessModel spec) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.windowed = windowed;
        this.spec = spec;
    }

    static BundledOnnxModel load(InProcessModel spec, int threads, boolean spinning) {
        String modelResource = spec.modelResource();
        String tokenizerResource = spec.tokenizerResource();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream windowTokenizer = resource(tokenizerResource)) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            options.addConfigEntry("session.inter_op.allow_spinning", spinning ? "1" : "0");
            byte[] model;
            try (InputStream in = resource(modelResource)) {
                model = in.readAllBytes();
            }
            OrtSession session = env.createSession(model, options);
            Windowed windowed =
                    new Windowed(new OnnxBertBiEncoder(env, session, windowTokenizer, spec.langChain4jPooling()));
            BertEncoder encoder = new BertEncoder(env, session, spec.dimension(), spec.pooling());
            return new BundledOnnxModel(session, tokenizer(tokenizerResource), encoder, windowed, spec);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot start the ONNX runtime for " + modelResource + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelResource + " from the classpath", e);
        }
    }

    /** The model's pooled vector for a text, not yet normalised. */
    float[] embed(String text) {
        long[] ids = tokenizer.encode(text, true, false).getIds();
        if (ids.length > 2 && ids.length <= spec.maxTokens()) {
            return encoder.encode(ids);
        }
        if (ids.length > 2 && !spec.windowsLongTexts()) {
            return encoder.encode(firstWindow(ids));
        }
        return windowed.embed(text).content().vector();
    }

    /** The ids of a text's first window: its first tokens, then the text's closing {@code [SEP]}, as truncation does. */
    private long[] firstWindow(long[] ids) {
        long[] window = Arrays.copyOf(ids, spec.maxTokens());
        window[window.length - 1] = ids[ids.length - 1];
        return window;
    }

    /** The tokenizer of the model, without padding or truncation, to measure and cut texts as they are. */
    HuggingFaceTokenizer tokenizer() {
        return tokenizer;
    }

    /** The tokenizer of a bundled model, without padding or truncation: it measures and cuts texts as they are. */
    private static HuggingFaceTokenizer tokenizer(String tokenizerResource) {
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

    /** Frees the native session and the tokenizer; the caller makes sure no inference is running or will start. */
    void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session: " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }

    /** LangChain4j's encoder over the same session, for the texts longer than one window. */
    private static final class Windowed extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Windowed(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
