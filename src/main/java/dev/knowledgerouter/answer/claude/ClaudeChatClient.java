package dev.knowledgerouter.answer.claude;

import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ModelCall;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.Secret;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;

/** The remote model: Claude through LangChain4j's Anthropic Messages API client. */
public final class ClaudeChatClient implements ChatClient {
    private final ClaudeSettings settings;
    private final Secret key;
    private final ChatModel model;

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
        return ModelCall.run(
                name(),
                model,
                prompt,
                new ModelCall.Hints() {
                    @Override
                    public String unreachable() {
                        return "cannot reach " + settings.baseUrl() + "; check the network or ANTHROPIC_BASE_URL";
                    }

                    @Override
                    public String modelNotFound() {
                        return "model '" + settings.model() + "' is not served; set KR_CLAUDE_MODEL to a current model";
                    }

                    @Override
                    public String unauthorized() {
                        return "ANTHROPIC_API_KEY was rejected; check the key";
                    }
                },
                key::redact);
    }
}
