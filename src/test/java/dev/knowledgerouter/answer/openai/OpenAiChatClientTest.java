package dev.knowledgerouter.answer.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.answer.PromptBuilder;
import dev.knowledgerouter.answer.PromptFitter;
import dev.knowledgerouter.answer.TokenEstimator;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A local model on a server speaking the OpenAI API, as llama.cpp's server and LM Studio do. */
class OpenAiChatClientTest {
    static final String MODEL = "qwen2.5-coder-7b-instruct";
    static final String KEY = "sk-local-0123456789abcdef";

    final WireServer server = new WireServer()
            .on("/v1/chat/completions", Reply.json(200, WireReplies.OPENAI_CHAT_OK))
            .on("/v1/models", Reply.json(200, WireReplies.OPENAI_MODELS));

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiChatClient client(Optional<Secret> key, OptionalInt contextTokens, OptionalInt maxTokens, OptionalDouble t) {
        return new OpenAiChatClient(
                new LocalModelSettings(
                        LocalModelSettings.Provider.OPENAI,
                        server.url() + "/v1",
                        MODEL,
                        key,
                        contextTokens,
                        maxTokens,
                        t,
                        Duration.ofSeconds(5)),
                new ConcurrencyGate(server.url(), 2, 2),
                new PromptFitter(new TokenEstimator()));
    }

    OpenAiChatClient client() {
        return client(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
    }

    JsonNode lastChat() throws IOException {
        return new ObjectMapper()
                .readTree(server.received("/v1/chat/completions").getLast().body());
    }

    @Test
    void anAnswerComesBackWithTheTokensTheServerCounted() throws Exception {
        ModelReply reply = client().chat(new Prompt("system", "question"));
        assertEquals("Answer from the OpenAI-compatible server.", reply.text());
        assertEquals(900, reply.inputTokens());
        assertEquals(80, reply.outputTokens());
        assertEquals("openai/" + MODEL, client().name());
    }

    @Test
    void everyCallSendsTheModelTheAnswersLengthAndTheTemperature() throws Exception {
        client().chat(new Prompt("be brief", "question"));
        JsonNode sent = lastChat();
        assertEquals(MODEL, sent.path("model").asText());
        assertEquals(
                LocalModelSettings.DEFAULT_MAX_TOKENS, sent.path("max_tokens").asInt());
        assertEquals(
                LocalModelSettings.DEFAULT_TEMPERATURE, sent.path("temperature").asDouble());
        assertEquals("system", sent.path("messages").get(0).path("role").asText());
        assertEquals("be brief", sent.path("messages").get(0).path("content").asText());
        assertEquals("question", sent.path("messages").get(1).path("content").asText());
    }

    @Test
    void theRequestsMaxTokensAndTemperatureWinOverKrYaml() throws Exception {
        OpenAiChatClient client =
                client(Optional.empty(), OptionalInt.empty(), OptionalInt.of(600), OptionalDouble.of(0.4));
        client.chat(new Prompt("system", "question"));
        assertEquals(600, lastChat().path("max_tokens").asInt());
        assertEquals(0.4, lastChat().path("temperature").asDouble());
        client.chat(new Prompt("system", "question").with(Generation.of(128, 1.1)));
        assertEquals(128, lastChat().path("max_tokens").asInt());
        assertEquals(1.1, lastChat().path("temperature").asDouble());
    }

    @Test
    void theKeyFromTheEnvironmentIsSentAsABearerTokenAndNoKeyMeansNoHeader() throws Exception {
        client(Optional.of(Secret.of(KEY)), OptionalInt.of(4096), OptionalInt.empty(), OptionalDouble.empty())
                .chat(new Prompt("system", "question"));
        assertEquals(
                "Bearer " + KEY,
                server.received("/v1/chat/completions").getLast().header("Authorization"));
        client().chat(new Prompt("system", "question"));
        assertNull(server.received("/v1/chat/completions").getLast().header("Authorization"));
    }

    @Test
    void aRefusedKeyIsAFailureThatNamesTheFixAndNeverTheKey() {
        server.on(
                "/v1/chat/completions",
                Reply.json(
                        401,
                        "{\"error\":{\"message\":\"Invalid API key " + KEY
                                + "\",\"type\":\"invalid_request_error\"}}"));
        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class,
                () -> client(
                                Optional.of(Secret.of(KEY)),
                                OptionalInt.of(4096),
                                OptionalInt.empty(),
                                OptionalDouble.empty())
                        .chat(new Prompt("system", "question")));
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains("api_key_env"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void aServerThatRefusesAnOverlongPromptIsAFailureTheChainCanFallBackFrom() {
        server.on(
                "/v1/chat/completions",
                Reply.json(
                        400,
                        "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size,"
                                + " try increasing it\",\"type\":\"exceed_context_size_error\"}}"));
        ModelUnavailableException e =
                assertThrows(ModelUnavailableException.class, () -> client().chat(new Prompt("system", "question")));
        assertTrue(e.getMessage().startsWith("openai/" + MODEL + ": HTTP 400"), e.getMessage());
        assertTrue(e.getMessage().contains("exceeds the available context size"), e.getMessage());
    }

    @Test
    void withoutAConfiguredWindowTheServersDefaultIsAssumedAndTheListIsAskedOnce() throws Exception {
        OpenAiChatClient client = client();
        client.chat(new Prompt("system", "one"));
        client.chat(new Prompt("system", "two"));
        assertEquals(1, server.received("/v1/models").size());
    }

    @Test
    void aWindowTheServerReportsBoundsThePrompt() throws Exception {
        server.on(
                "/v1/models",
                Reply.json(
                        200,
                        "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                                + "\",\"object\":\"model\",\"owned_by\":\"vllm\",\"max_model_len\":1024}]}"));
        List<ContextPassage> context = List.of(
                new ContextPassage("kb", "a", 0.9, "Trust store", "Import the CA with keytool. ".repeat(80)),
                new ContextPassage("kb", "b", 0.8, "Proxy", "Declare the proxy in settings.xml. ".repeat(80)));
        ModelReply reply = client().chat(new PromptBuilder()
                .build("mvn fails with PKIX", context)
                .with(Generation.maxTokens(200)));
        assertEquals(1024, reply.trim().orElseThrow().window());
        assertEquals(List.of("kb/b"), reply.trim().orElseThrow().dropped());
        assertFalse(lastChat().path("messages").get(1).path("content").asText().contains("settings.xml"));
    }

    @Test
    void aConfiguredWindowIsTakenWithoutAskingTheServer() throws Exception {
        client(Optional.empty(), OptionalInt.of(8192), OptionalInt.empty(), OptionalDouble.empty())
                .chat(new Prompt("system", "question"));
        assertTrue(server.received("/v1/models").isEmpty());
    }

    @Test
    void theModelsAServerServesAreListedWithTheWindowWhereItSaysOne() {
        server.on(
                "/v1/models",
                Reply.json(
                        200, "{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"max_model_len\":32768},{\"id\":\"b\"}]}"));
        List<OpenAiAdmin.ServedModel> models = new OpenAiAdmin(server.url() + "/v1", Optional.empty()).list();
        assertEquals(
                List.of("a", "b"),
                models.stream().map(OpenAiAdmin.ServedModel::id).toList());
        assertEquals(OptionalInt.of(32768), models.get(0).contextLength());
        assertEquals(OptionalInt.empty(), models.get(1).contextLength());
    }
}
