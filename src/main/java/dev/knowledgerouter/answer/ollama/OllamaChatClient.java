package dev.knowledgerouter.answer.ollama;

import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ModelCall;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.config.OllamaSettings;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;

/** The local model: an Ollama chat model through LangChain4j's {@code /api/chat} client. */
public final class OllamaChatClient implements ChatClient {
    private final OllamaSettings settings;
    private final ChatModel model;
    private final ConcurrencyGate gate;

    public OllamaChatClient(OllamaSettings settings) {
        this(settings, new ConcurrencyGate(settings.host(), Integer.MAX_VALUE / 2, 0));
    }

    /** @param gate shared by every model of the same host: Ollama serves them with the same hardware */
    public OllamaChatClient(OllamaSettings settings, ConcurrencyGate gate) {
        this.settings = settings;
        this.gate = gate;
        this.model = OllamaChatModel.builder()
                .baseUrl(settings.host())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }

    @Override
    public String name() {
        return "ollama/" + settings.model();
    }

    @Override
    public ModelReply chat(Prompt prompt) throws ModelUnavailableException {
        try {
            return gate.run(() -> {
                try {
                    return callModel(prompt);
                } catch (ModelUnavailableException e) {
                    throw new Unavailable(e);
                }
            });
        } catch (Unavailable u) {
            throw u.cause;
        }
    }

    /** Carries the checked failure through the gate's Supplier. */
    private static final class Unavailable extends RuntimeException {
        final ModelUnavailableException cause;

        Unavailable(ModelUnavailableException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private ModelReply callModel(Prompt prompt) throws ModelUnavailableException {
        return ModelCall.run(
                name(),
                model,
                prompt,
                new ModelCall.Hints() {
                    @Override
                    public String unreachable() {
                        return "no Ollama at " + settings.host() + "; start it with `ollama serve` or set OLLAMA_HOST";
                    }

                    @Override
                    public String modelNotFound() {
                        return "run `ollama pull " + settings.model() + "` or set OLLAMA_MODEL";
                    }

                    @Override
                    public String unauthorized() {
                        return "the Ollama host refused the request; check the proxy in front of it";
                    }
                },
                s -> s);
    }
}
