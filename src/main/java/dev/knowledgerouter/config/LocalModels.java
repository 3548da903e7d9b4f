package dev.knowledgerouter.config;

import java.util.List;

/**
 * The local chain as configured: the {@code local_models:} entries in order, or, when there are none,
 * the {@code ollama:} section's model and fallbacks, each with that section's window and answer
 * settings ({@code ollamaLimits}).
 */
public record LocalModels(List<LocalModelSettings> listed, ModelLimits ollamaLimits) {
    public LocalModels {
        listed = List.copyOf(listed);
    }

    /** No {@code local_models:} and no limits: the {@code ollama:} chain as before. */
    public static LocalModels defaults() {
        return new LocalModels(List.of(), ModelLimits.NONE);
    }

    /** The chain, primary first, for the Ollama settings it falls back to. */
    public List<LocalModelSettings> chain(OllamaSettings ollama) {
        if (!listed.isEmpty()) {
            return listed;
        }
        return ollama.chain().stream()
                .map(m -> LocalModelSettings.ollama(ollama.host(), m, ollama.timeout(), ollamaLimits))
                .toList();
    }
}
