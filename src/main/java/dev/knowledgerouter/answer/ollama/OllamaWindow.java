package dev.knowledgerouter.answer.ollama;

import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context window kr gives one Ollama model, sent as {@code num_ctx} on every call so that the
 * server's default (2,048 tokens before Ollama 0.6.7, 4,096 after, by the GPU's memory since 0.15.5) never
 * decides. In order: {@code context_tokens} from kr.yaml; the {@code num_ctx} its Modelfile sets; its
 * trained length up to {@link #DEFAULT_CAP}; {@link #WHEN_UNKNOWN} when {@code /api/show} says neither. The
 * trained length is always the ceiling. Asked of {@code /api/show} once; a failed look is tried again on
 * the next call, meanwhile the configured or the cautious window holds.
 */
final class OllamaWindow {
    /**
     * The window when the model allows more: its trained length is a ceiling, not a good default
     * (llama3.1's 131,072 tokens would ask for about 16 GB of KV cache); 8,192 fits five long notes,
     * the question and a 1,024-token answer with room to spare.
     */
    static final int DEFAULT_CAP = 8192;
    /** Ollama's own default since 0.6.7, which every model it serves allows. */
    static final int WHEN_UNKNOWN = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(OllamaWindow.class);

    private final OllamaAdmin admin;
    private final String model;
    private final OptionalInt configured;
    private volatile OptionalInt resolved = OptionalInt.empty();

    OllamaWindow(OllamaAdmin admin, String model, OptionalInt configured) {
        this.admin = admin;
        this.model = model;
        this.configured = configured;
    }

    int tokens() {
        OptionalInt known = resolved;
        if (known.isPresent()) {
            return known.getAsInt();
        }
        OllamaAdmin.ShownWindow shown;
        try {
            shown = admin.show(model);
        } catch (OllamaAdmin.AdminException e) {
            return configured.orElse(WHEN_UNKNOWN);
        }
        int tokens = choose(configured, shown);
        if (configured.isPresent() && tokens < configured.getAsInt()) {
            LOG.warn(
                    "context_tokens {} for {} is more than it was trained for; using {}",
                    configured.getAsInt(),
                    model,
                    tokens);
        }
        resolved = OptionalInt.of(tokens);
        return tokens;
    }

    static int choose(OptionalInt configured, OllamaAdmin.ShownWindow shown) {
        int ceiling = shown.trainedLength().orElse(Integer.MAX_VALUE);
        int wanted = configured.isPresent()
                ? configured.getAsInt()
                : shown.numCtx().isPresent()
                        ? shown.numCtx().getAsInt()
                        : shown.trainedLength().isPresent() ? DEFAULT_CAP : WHEN_UNKNOWN;
        return Math.min(wanted, ceiling);
    }
}
