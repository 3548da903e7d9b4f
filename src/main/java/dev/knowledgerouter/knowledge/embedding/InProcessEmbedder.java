package dev.knowledgerouter.knowledge.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.VectorMath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * A model bundled in the jar ({@link InProcessModel}: bge-small-en-v1.5 by default, all-MiniLM-L6-v2 for code),
 * int8-quantised ONNX running inside the JVM: no network, no model download, pooled as the model was trained.
 * Queries are embedded without BGE's instruction prefix: measured on SciFact it changes nDCG@10 by nothing and costs
 * recall (see ../shared/DESIGN.md).
 */
public final class InProcessEmbedder implements Embedder {
    /** The id of the default model, bge-small-en-v1.5. */
    public static final String ID = "bge-small-en-v1.5-q";

    private static final int BATCH = 32;
    private static final int CHARS_PER_TOKEN = 16;
    /** Long enough for one batch of {@link #BATCH} texts on a busy machine; calls stop between batches once closing. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final InProcessModel spec;
    private final BundledOnnxModel model;
    /** The model's own tokenizer, to measure a text in its tokens. */
    private final HuggingFaceTokenizer tokenizer;
    /**
     * Calls hold the read side; {@link #close()} takes the write side, so the native session is freed
     * only when no inference runs (freeing it under one crashes the JVM). Fair, so a stream of queries
     * cannot keep the close waiting.
     */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock(true);

    private volatile boolean closing;
    /** Guarded by the write side of {@link #use}. */
    private boolean closed;

    private final AtomicInteger underWay = new AtomicInteger();

    /**
     * Runs on the threads the model asks for ({@link InProcessModel#threads()}), without ONNX Runtime's spin-waiting
     * between inferences:
     * measured with {@code kr bench route} at 100k entries, spinning threads held the cores the
     * vector search runs on next (search p50 1.2 ms with spinning, 0.75 ms without; embedding
     * itself unchanged within noise). See docs/benchmarks.md.
     */
    public InProcessEmbedder(InProcessModel spec) {
        this.spec = spec;
        this.model = BundledOnnxModel.load(spec, spec.threads(), false);
        this.tokenizer = model.tokenizer();
    }

    /** bge-small-en-v1.5, the model of the knowledge collections. */
    public InProcessEmbedder() {
        this(InProcessModel.BGE_SMALL);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public float[] embed(String text, Purpose purpose) {
        return guarded(() -> VectorMath.normalized(model.embed(text)));
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Purpose purpose) {
        return guarded(() -> {
            List<float[]> out = new ArrayList<>(texts.size());
            for (int from = 0; from < texts.size(); from += BATCH) {
                if (from > 0) {
                    // A long call gives way to a close between its batches instead of holding it up.
                    refuseIfClosing();
                }
                for (String text : texts.subList(from, Math.min(texts.size(), from + BATCH))) {
                    out.add(VectorMath.normalized(model.embed(text)));
                }
            }
            return out;
        });
    }

    /**
     * Cut after the last whole token that fits, counting the two the model adds ({@code [CLS]}, {@code [SEP]}), and
     * never past what a model that cuts long texts reads ({@link InProcessModel#windowsLongTexts()}). A very long
     * text is cut to {@value #CHARS_PER_TOKEN} characters a token first, so measuring it stays cheap.
     */
    @Override
    public String head(String text, int maxTokens) {
        int tokens = spec.windowsLongTexts() ? maxTokens : Math.min(maxTokens, spec.maxTokens());
        int room = tokens - 2;
        String measured =
                text.length() > (long) tokens * CHARS_PER_TOKEN ? text.substring(0, tokens * CHARS_PER_TOKEN) : text;
        return guarded(() -> {
            Encoding encoding = tokenizer.encode(measured, false, false);
            if (encoding.getIds().length <= room && measured.length() == text.length()) {
                return text;
            }
            CharSpan[] spans = encoding.getCharTokenSpans();
            if (spans.length <= room) {
                return measured;
            }
            int end = Math.min(measured.length(), Math.max(0, spans[room - 1].getEnd()));
            if (end > 0 && Character.isHighSurrogate(measured.charAt(end - 1))) {
                end--;
            }
            return measured.substring(0, end);
        });
    }

    /**
     * Frees the model's native session once no call is running; later calls fail with
     * {@link EmbedderUnavailableException}. If a call is still running after {@link #CLOSE_WAIT} the
     * session is left to the process exit rather than freed under it.
     */
    @Override
    public void close() {
        closing = true;
        boolean idle;
        try {
            idle = use.writeLock().tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (!idle) {
            LoggerFactory.getLogger(InProcessEmbedder.class)
                    .warn(
                            "an embedding was still running {} s after the"
                                    + " embedder was closed; its native session is left open",
                            CLOSE_WAIT.toSeconds());
            return;
        }
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            use.writeLock().unlock();
        }
    }

    /** Calls admitted and under way right now (for tests of the close). */
    int callsUnderWay() {
        return underWay.get();
    }

    private <T> T guarded(Supplier<T> call) {
        use.readLock().lock();
        try {
            refuseIfClosing();
            underWay.incrementAndGet();
            try {
                return call.get();
            } finally {
                underWay.decrementAndGet();
            }
        } finally {
            use.readLock().unlock();
        }
    }

    private void refuseIfClosing() {
        if (closing) {
            throw new EmbedderUnavailableException(
                    "the in-process embedder is closed: kr is shutting down;" + " retry against the next start");
        }
    }
}
