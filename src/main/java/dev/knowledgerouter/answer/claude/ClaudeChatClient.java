package dev.knowledgerouter.answer.claude;

import dev.knowledgerouter.answer.ChatClient;
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
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.Secret;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The remote model: Claude through LangChain4j's Anthropic Messages API client. Each call sends the answer's
 * length ({@code max_tokens}) and, when asked or configured, the temperature, with the prompt fitted to
 * Claude's window.
 */
public final class ClaudeChatClient implements ChatClient {
    /** The window of every current Claude model (Opus, Sonnet and Haiku 4.x); the 1M-token beta is not asked for. */
    static final int CONTEXT_TOKENS = 200_000;

    private final PromptFitter fitter = new PromptFitter(new TokenEstimator());
    private final ClaudeSettings settings;
    private final Secret key;
    private final ChatModel model;
    private final StreamingChatModel streaming;

    public ClaudeChatClient(ClaudeSettings settings) {
        this(settings, RetryPolicy.DEFAULT, RetryPolicy.Sleeper.SYSTEM);
    }

    public ClaudeChatClient(ClaudeSettings settings, RetryPolicy retries, RetryPolicy.Sleeper sleeper) {
        this.settings = settings;
        this.key = settings.apiKey().orElseThrow(() -> new IllegalArgumentException("Claude needs ANTHROPIC_API_KEY"));
        this.model = AnthropicChatModel.builder()
                .httpClientBuilder(new RetryingHttpClient.Builder(retries, sleeper))
                .baseUrl(settings.baseUrl() + "/v1/")
                .apiKey(key.reveal())
                .modelName(settings.model())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
        this.streaming = AnthropicStreamingChatModel.builder()
                .httpClientBuilder(new RetryingHttpClient.Builder(retries, sleeper))
                .baseUrl(settings.baseUrl() + "/v1/")
                .apiKey(key.reveal())
                .modelName(settings.model())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .build();
    }

    @Override
    public String name() {
        return "claude/" + settings.model();
    }

    @Override
    public long maxOutputTokens() {
        return settings.maxTokens();
    }

    @Override
    public ModelReply chat(Prompt prompt) throws ModelUnavailableException {
        Call call = prepare(prompt);
        return ModelCall.run(name(), model, call.prompt(), call.parameters(), hints(), key::redact)
                .trimmed(call.trim());
    }

    /** Streams the Messages API's {@code content_block_delta} events as they come. */
    @Override
    public ModelReply stream(Prompt prompt, TokenSink sink) throws ModelUnavailableException {
        Call call = prepare(prompt);
        return StreamingModelCall.run(
                        name(),
                        streaming,
                        call.prompt(),
                        call.parameters(),
                        hints(),
                        key::redact,
                        settings.timeout(),
                        sink)
                .trimmed(call.trim());
    }

    /** The prompt fitted to Claude's window and the parameters that bound the answer. */
    private record Call(Prompt prompt, ChatRequestParameters parameters, Optional<ContextTrim> trim) {}

    private Call prepare(Prompt prompt) throws ModelUnavailableException {
        Generation asked = prompt.generation()
                .orElse(new Generation(OptionalInt.of(settings.maxTokens()), settings.temperature()));
        PromptFitter.Fitted fitted =
                fitter.fit(prompt, CONTEXT_TOKENS, asked.maxTokens().orElse(settings.maxTokens()), name());
        ChatRequestParameters parameters = ChatRequestParameters.builder()
                .maxOutputTokens(fitted.allowance())
                .temperature(
                        asked.temperature().isPresent() ? asked.temperature().getAsDouble() : null)
                .build();
        return new Call(fitted.prompt(), parameters, fitted.trim());
    }

    private ModelCall.Hints hints() {
        return new ModelCall.Hints(
                "cannot reach " + settings.baseUrl() + "; check the network or ANTHROPIC_BASE_URL",
                "model '" + settings.model() + "' is not served; set KR_CLAUDE_MODEL to a current model",
                "ANTHROPIC_API_KEY was rejected; check the key");
    }
}
