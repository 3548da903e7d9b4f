package dev.knowledgerouter.answer.ollama;

import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ContextTrim;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.answer.ModelCall;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.answer.PromptFitter;
import dev.knowledgerouter.answer.StreamingModelCall;
import dev.knowledgerouter.answer.TokenEstimator;
import dev.knowledgerouter.answer.TokenSink;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.ModelLimits;
import dev.knowledgerouter.config.OllamaSettings;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.Optional;

/**
 * A local model on Ollama, through LangChain4j's {@code /api/chat} client. Every call states its window
 * ({@code num_ctx}, see {@link OllamaWindow}), the answer's length ({@code num_predict}) and the
 * temperature, with a prompt fitted to that window, and forbids Ollama to cut it ({@code truncate: false}).
 */
public final class OllamaChatClient implements ChatClient {
    private final LocalModelSettings settings;
    /**
     * Built on the first call: each starts an HTTP client, whose TLS set-up costs about 0.2 s of start-up that the
     * commands which never ask a model (kr analyze, kr search) need not pay.
     */
    private ChatModel model;

    private StreamingChatModel streaming;
    private final ConcurrencyGate gate;
    private final OllamaWindow window;
    private final PromptFitter fitter;

    public OllamaChatClient(OllamaSettings settings) {
        this(settings, new ConcurrencyGate(settings.host(), Integer.MAX_VALUE / 2, 0));
    }

    /** @param gate shared by every model of the same host: Ollama serves them with the same hardware */
    public OllamaChatClient(OllamaSettings settings, ConcurrencyGate gate) {
        this(
                LocalModelSettings.ollama(settings.host(), settings.model(), settings.timeout(), ModelLimits.NONE),
                gate,
                new PromptFitter(new TokenEstimator()));
    }

    public OllamaChatClient(LocalModelSettings settings, ConcurrencyGate gate, PromptFitter fitter) {
        if (settings.provider() != LocalModelSettings.Provider.OLLAMA) {
            throw new IllegalArgumentException(settings.name() + " is not served by Ollama");
        }
        this.settings = settings;
        this.gate = gate;
        this.fitter = fitter;
        this.window = new OllamaWindow(new OllamaAdmin(settings.baseUrl()), settings.model(), settings.contextTokens());
    }

    private synchronized ChatModel model() {
        if (model == null) {
            model = OllamaChatModel.builder()
                    .httpClientBuilder(new StrictHttpClient.Builder())
                    .baseUrl(settings.baseUrl())
                    .modelName(settings.model())
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .build();
        }
        return model;
    }

    private synchronized StreamingChatModel streaming() {
        if (streaming == null) {
            streaming = OllamaStreamingChatModel.builder()
                    .httpClientBuilder(new StrictHttpClient.Builder())
                    .baseUrl(settings.baseUrl())
                    .modelName(settings.model())
                    .timeout(settings.timeout())
                    .build();
        }
        return streaming;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ModelReply chat(Prompt prompt) throws ModelUnavailableException {
        Call call = prepare(prompt);
        return gate.call(() -> ModelCall.run(name(), model(), call.prompt(), call.parameters(), hints(), s -> s))
                .trimmed(call.trim());
    }

    /** Streams {@code /api/chat}'s NDJSON pieces, holding the host's gate until the last one. */
    @Override
    public ModelReply stream(Prompt prompt, TokenSink sink) throws ModelUnavailableException {
        Call call = prepare(prompt);
        return gate.call(() -> StreamingModelCall.run(
                        name(),
                        streaming(),
                        call.prompt(),
                        call.parameters(),
                        hints(),
                        s -> s,
                        settings.timeout(),
                        sink))
                .trimmed(call.trim());
    }

    /** The prompt fitted to the window and the parameters that state it. */
    private record Call(Prompt prompt, OllamaChatRequestParameters parameters, Optional<ContextTrim> trim) {}

    private Call prepare(Prompt prompt) throws ModelUnavailableException {
        Generation asked = prompt.generation().orElse(new Generation(settings.maxTokens(), settings.temperature()));
        int tokens = window.tokens();
        PromptFitter.Fitted fitted =
                fitter.fit(prompt, tokens, asked.maxTokens().orElse(LocalModelSettings.DEFAULT_MAX_TOKENS), name());
        OllamaChatRequestParameters parameters = OllamaChatRequestParameters.builder()
                .numCtx(tokens)
                .maxOutputTokens(fitted.allowance())
                .temperature(asked.temperature().orElse(LocalModelSettings.DEFAULT_TEMPERATURE))
                .build();
        return new Call(fitted.prompt(), parameters, fitted.trim());
    }

    private ModelCall.Hints hints() {
        return new ModelCall.Hints(
                "no Ollama at " + settings.baseUrl() + "; start it with `ollama serve` or set OLLAMA_HOST",
                "run `ollama pull " + settings.model() + "` or set OLLAMA_MODEL",
                "the Ollama host refused the request; check the proxy in front of it");
    }
}
