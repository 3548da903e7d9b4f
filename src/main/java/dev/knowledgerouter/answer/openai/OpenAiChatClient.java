package dev.knowledgerouter.answer.openai;

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
import dev.knowledgerouter.answer.TokenSink;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.Secret;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A local model on an OpenAI-compatible server ({@code /v1/chat/completions}), through LangChain4j's
 * OpenAI module. Every call sends {@code max_tokens} and the temperature, with the prompt fitted to the
 * window the server was started with ({@link OpenAiWindow}); servers refuse a longer prompt (llama.cpp
 * answers 400), and kr never sends one.
 */
public final class OpenAiChatClient implements ChatClient {
    private final LocalModelSettings settings;
    private final ChatModel model;
    private final StreamingChatModel streaming;
    private final ConcurrencyGate gate;
    private final OpenAiWindow window;
    private final PromptFitter fitter;

    /** @param gate shared by every model behind the same host and port: they share its hardware */
    public OpenAiChatClient(LocalModelSettings settings, ConcurrencyGate gate, PromptFitter fitter) {
        if (settings.provider() != LocalModelSettings.Provider.OPENAI) {
            throw new IllegalArgumentException(settings.name() + " is not served over the OpenAI API");
        }
        this.settings = settings;
        this.gate = gate;
        this.fitter = fitter;
        this.window = new OpenAiWindow(
                new OpenAiAdmin(settings.baseUrl(), settings.apiKey()), settings.model(), settings.contextTokens());
        this.model = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey().map(Secret::reveal).orElse(null))
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
        this.streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey().map(Secret::reveal).orElse(null))
                .modelName(settings.model())
                .timeout(settings.timeout())
                .build();
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ModelReply chat(Prompt prompt) throws ModelUnavailableException {
        Call call = prepare(prompt);
        return gate.call(() -> ModelCall.run(name(), model, call.prompt(), call.parameters(), hints(), redact()))
                .trimmed(call.trim());
    }

    /** Streams the server's {@code data:} chunks, holding the host's gate until {@code [DONE]}. */
    @Override
    public ModelReply stream(Prompt prompt, TokenSink sink) throws ModelUnavailableException {
        Call call = prepare(prompt);
        return gate.call(() -> StreamingModelCall.run(
                        name(),
                        streaming,
                        call.prompt(),
                        call.parameters(),
                        hints(),
                        redact(),
                        settings.timeout(),
                        sink))
                .trimmed(call.trim());
    }

    /** The prompt fitted to the window and the parameters that bound the answer. */
    private record Call(Prompt prompt, ChatRequestParameters parameters, Optional<ContextTrim> trim) {}

    private Call prepare(Prompt prompt) throws ModelUnavailableException {
        Generation asked = prompt.generation().orElse(new Generation(settings.maxTokens(), settings.temperature()));
        PromptFitter.Fitted fitted = fitter.fit(
                prompt, window.tokens(), asked.maxTokens().orElse(LocalModelSettings.DEFAULT_MAX_TOKENS), name());
        ChatRequestParameters parameters = ChatRequestParameters.builder()
                .maxOutputTokens(fitted.allowance())
                .temperature(asked.temperature().orElse(LocalModelSettings.DEFAULT_TEMPERATURE))
                .build();
        return new Call(fitted.prompt(), parameters, fitted.trim());
    }

    private UnaryOperator<String> redact() {
        return settings.apiKey().<UnaryOperator<String>>map(k -> k::redact).orElse(s -> s);
    }

    private ModelCall.Hints hints() {
        return new ModelCall.Hints(
                "no server at " + settings.baseUrl()
                        + "; start it (llama-server, LM Studio's server) or fix base_url under local_models",
                "the server at " + settings.baseUrl() + " does not serve '" + settings.model()
                        + "'; `kr models` lists what it serves",
                "the server refused the key; check the variable api_key_env names");
    }
}
