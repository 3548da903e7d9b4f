package dev.knowledgerouter.answer.openai;

import java.util.OptionalInt;

/**
 * The context window of a model on an OpenAI-compatible server. The OpenAI API has no way to set it per
 * call: the server fixes it at start (llama.cpp's {@code --ctx-size}, LM Studio's context length). In
 * order: {@code context_tokens} from kr.yaml, the window the server's {@code /v1/models} reports (vLLM
 * does), else {@link #WHEN_UNKNOWN}. The listing is asked once; a failed look is tried again next call.
 */
final class OpenAiWindow {
    /** llama.cpp's and LM Studio's default context length. */
    static final int WHEN_UNKNOWN = 4096;

    private final OpenAiAdmin admin;
    private final String model;
    private final OptionalInt configured;
    private volatile OptionalInt resolved;

    OpenAiWindow(OpenAiAdmin admin, String model, OptionalInt configured) {
        this.admin = admin;
        this.model = model;
        this.configured = configured;
        this.resolved = configured;
    }

    int tokens() {
        OptionalInt known = resolved;
        if (known.isPresent()) {
            return known.getAsInt();
        }
        try {
            int tokens = admin.list().stream()
                    .filter(m -> m.id().equals(model))
                    .map(OpenAiAdmin.ServedModel::contextLength)
                    .filter(OptionalInt::isPresent)
                    .mapToInt(OptionalInt::getAsInt)
                    .findFirst()
                    .orElse(WHEN_UNKNOWN);
            resolved = OptionalInt.of(tokens);
            return tokens;
        } catch (OpenAiAdmin.AdminException e) {
            return WHEN_UNKNOWN;
        }
    }
}
