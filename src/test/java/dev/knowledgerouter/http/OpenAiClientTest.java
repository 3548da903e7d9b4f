package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LangChain4j's OpenAI client, unchanged, pointed at the router: what any tool that speaks OpenAI
 * sees with the base URL {@code http://127.0.0.1:<port>/v1}, a model name and a dummy key.
 */
class OpenAiClientTest {
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";

    @RegisterExtension
    static final OpenAiRouter router = new OpenAiRouter();

    static OpenAiChatModel chat(String model) {
        return OpenAiChatModel.builder()
                .baseUrl(router.base + "/v1")
                .apiKey("sk-dummy")
                .modelName(model)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    static OpenAiStreamingChatModel streaming(String model) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(router.base + "/v1")
                .apiKey("sk-dummy")
                .modelName(model)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void autoGetsTheRoutedModelsAnswerWithItsTokensAndTheRouteHeaders() {
        ChatResponse r = chat("auto").chat(UserMessage.from(PKIX));
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.PRIMARY), r.aiMessage().text());
        assertEquals(FinishReason.STOP, r.finishReason());
        assertEquals(OpenAiRouter.PRIMARY, r.metadata().modelName());
        assertTrue(r.metadata().id().startsWith("chatcmpl-"), r.metadata().id());
        assertEquals(OpenAiRouter.PROMPT_TOKENS, r.tokenUsage().inputTokenCount());
        assertEquals(OpenAiRouter.COMPLETION_TOKENS, r.tokenUsage().outputTokenCount());
        var headers =
                ((OpenAiChatResponseMetadata) r.metadata()).rawHttpResponse().headers();
        assertEquals(
                List.of("local"),
                headers.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("X-KR-Route"))
                        .findFirst()
                        .orElseThrow()
                        .getValue());
    }

    @Test
    void aConversationWithASystemPromptIsAnsweredFromItsLastUserMessage() {
        ChatResponse r = chat("auto")
                .chat(
                        SystemMessage.from("You are terse."),
                        UserMessage.from("How do I squash commits?"),
                        AiMessage.from("git rebase -i"),
                        UserMessage.from(PKIX));
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.PRIMARY), r.aiMessage().text());
        assertTrue(router.lastPromptTo(OpenAiRouter.PRIMARY).endsWith(PKIX), router.lastPromptTo(OpenAiRouter.PRIMARY));
    }

    @Test
    void theStreamingClientReceivesTheCheckedLocalAnswerAndThenCompletes() throws Exception {
        List<String> parts = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming("auto").chat(PKIX, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse complete) {
                done.complete(complete);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse complete = done.get(30, TimeUnit.SECONDS);
        String whole = chat("auto").chat(UserMessage.from(PKIX)).aiMessage().text();
        assertEquals(List.of(whole), parts, "a local answer is released whole once the checks trust it");
        assertEquals(whole, complete.aiMessage().text());
        assertEquals(FinishReason.STOP, complete.finishReason());
        assertEquals(
                OpenAiRouter.PROMPT_TOKENS + OpenAiRouter.COMPLETION_TOKENS,
                complete.tokenUsage().totalTokenCount(),
                "the client asks for usage in the stream and gets it");
    }

    @Test
    void remoteWithoutAClaudeKeyStillAnswersFromTheLocalModel() {
        ChatResponse r = chat("remote").chat(UserMessage.from(PKIX));
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.PRIMARY), r.aiMessage().text());
        assertEquals(OpenAiRouter.PRIMARY, r.metadata().modelName(), "the model that answered, not the one asked for");
    }

    @Test
    void aConfiguredFallbackModelCanBeAskedForByName() {
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.FALLBACK),
                chat(OpenAiRouter.FALLBACK)
                        .chat(UserMessage.from(PKIX))
                        .aiMessage()
                        .text());
    }

    @Test
    void anUnknownModelRaisesTheClientsModelNotFoundWithTheRoutersMessage() {
        ModelNotFoundException e =
                assertThrows(ModelNotFoundException.class, () -> chat("gpt-4o").chat(UserMessage.from(PKIX)));
        assertTrue(
                e.getMessage().contains("model_not_found") && e.getMessage().contains("GET /v1/models"),
                e.getMessage());
    }

    @Test
    void theClientsModelCatalogListsWhatTheRouterServes() {
        List<String> ids =
                OpenAiModelCatalog.builder()
                        .baseUrl(router.base + "/v1")
                        .apiKey("sk-dummy")
                        .build()
                        .listModels()
                        .stream()
                        .map(ModelDescription::name)
                        .toList();
        assertTrue(
                ids.containsAll(List.of("auto", "local", "remote", OpenAiRouter.PRIMARY, OpenAiRouter.FALLBACK)),
                ids.toString());
    }
}
