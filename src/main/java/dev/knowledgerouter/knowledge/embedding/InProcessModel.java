package dev.knowledgerouter.knowledge.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The models kr ships inside its jar (from LangChain4j's embedding artifacts), and how each was trained to be read:
 * its pooling, the longest text it reads at once ({@code [CLS]} and {@code [SEP]} included), and what happens to a
 * longer text: read window by window with the windows' vectors averaged (as LangChain4j does, and as every stored
 * bge vector was made), or cut to its first window (as sentence-transformers does for the models it trains).
 */
public enum InProcessModel {
    /**
     * bge-small-en-v1.5, int8: 12 layers, 384 dimensions, CLS pooling. Embeds the knowledge collections: the
     * router's relevance thresholds are calibrated on its cosines.
     */
    BGE_SMALL("bge-small-en-v1.5-q", 384, BertEncoder.Pooling.CLS, 512, true, false),
    /**
     * all-MiniLM-L6-v2, int8: 6 layers, 384 dimensions, mean pooling; embeds the code collections. It reads the first
     * 128 tokens of a text: the length it was fine-tuned on, where its bundled tokenizer cuts, and so what LangChain4j
     * reads and what was measured (2.7 times as fast as bge-small and better on code search, CoSQA). The 256 that
     * sentence-transformers allows costs more per node for text the model was never trained to read.
     */
    MINILM_L6("all-minilm-l6-v2-q", 384, BertEncoder.Pooling.MEAN, 128, false, true);

    private final String id;
    private final int dimension;
    private final BertEncoder.Pooling pooling;
    private final int maxTokens;
    private final boolean windowsLongTexts;
    private final boolean oneThreadACall;

    InProcessModel(
            String id,
            int dimension,
            BertEncoder.Pooling pooling,
            int maxTokens,
            boolean windowsLongTexts,
            boolean oneThreadACall) {
        this.id = id;
        this.dimension = dimension;
        this.pooling = pooling;
        this.maxTokens = maxTokens;
        this.windowsLongTexts = windowsLongTexts;
        this.oneThreadACall = oneThreadACall;
    }

    /**
     * Threads of one inference. bge-small embeds one query at a time for routing, which every core makes sooner.
     * The code model mostly embeds an analysis's nodes, one batch per core side by side (see the code package's
     * EmbeddingPipeline): one thread a call then wastes nothing on handing rows between threads, measured faster
     * on two cores than two threads a call (docs/benchmarks.md, "Fourth round").
     */
    int threads() {
        return oneThreadACall ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The embedder id stored with every collection the model fills. */
    public String id() {
        return id;
    }

    public int dimension() {
        return dimension;
    }

    int maxTokens() {
        return maxTokens;
    }

    boolean windowsLongTexts() {
        return windowsLongTexts;
    }

    BertEncoder.Pooling pooling() {
        return pooling;
    }

    PoolingMode langChain4jPooling() {
        return switch (pooling) {
            case CLS -> PoolingMode.CLS;
            case MEAN -> PoolingMode.MEAN;
        };
    }

    /** The ONNX file in the embeddings jar; the jars name their files after the model. */
    String modelResource() {
        return id + ".onnx";
    }

    String tokenizerResource() {
        return id + "-tokenizer.json";
    }
}
