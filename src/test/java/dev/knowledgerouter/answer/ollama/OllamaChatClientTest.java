package dev.knowledgerouter.answer.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.ContextTrim;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.answer.PromptBuilder;
import dev.knowledgerouter.answer.PromptFitter;
import dev.knowledgerouter.answer.TokenEstimator;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.ModelLimits;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Ollama chat client puts on the wire: the window, the answer's length and temperature, and a prompt that fits. */
class OllamaChatClientTest {
    static final String MODEL = "qwen2.5-coder:7b";

    static Reply show(int trained, String parameters) {
        return Reply.json(200, WireReplies.ollamaShow(trained, parameters));
    }

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));

    @AfterEach
    void stop() {
        ollama.close();
    }

    OllamaChatClient client(ModelLimits limits) {
        return new OllamaChatClient(
                LocalModelSettings.ollama(ollama.url(), MODEL, Duration.ofSeconds(5), limits),
                new ConcurrencyGate(ollama.url(), 2, 2),
                new PromptFitter(new TokenEstimator()));
    }

    JsonNode lastChat() throws IOException {
        return new ObjectMapper()
                .readTree(ollama.received("/api/chat").getLast().body());
    }

    @Test
    void everyCallStatesItsWindowAnswerLengthAndTemperatureAndForbidsTruncation() throws Exception {
        ollama.on("/api/show", show(32_768, "stop \"<|im_end|>\""));
        client(ModelLimits.NONE).chat(new Prompt("system", "question"));
        JsonNode sent = lastChat();
        assertEquals(
                OllamaWindow.DEFAULT_CAP, sent.path("options").path("num_ctx").asInt());
        assertEquals(
                LocalModelSettings.DEFAULT_MAX_TOKENS,
                sent.path("options").path("num_predict").asInt());
        assertEquals(
                LocalModelSettings.DEFAULT_TEMPERATURE,
                sent.path("options").path("temperature").asDouble());
        assertFalse(sent.path("truncate").asBoolean(true), sent.toString());
        assertEquals(
                MODEL,
                new ObjectMapper()
                        .readTree(ollama.received("/api/show").getFirst().body())
                        .path("model")
                        .asText());
    }

    @Test
    void aContextLengthOllamaReportsBelowTheCapIsTheWindow() throws Exception {
        ollama.on("/api/show", show(2048, ""));
        client(ModelLimits.NONE).chat(new Prompt("system", "question"));
        assertEquals(2048, lastChat().path("options").path("num_ctx").asInt());
    }

    @Test
    void aNumCtxTheModelfileSetsIsTheWindow() throws Exception {
        ollama.on("/api/show", show(32_768, "num_ctx                        16384\nstop \"<|im_end|>\""));
        client(ModelLimits.NONE).chat(new Prompt("system", "question"));
        assertEquals(16_384, lastChat().path("options").path("num_ctx").asInt());
    }

    @Test
    void configuredContextTokensWinButNeverPassTheLengthTheModelWasTrainedFor() throws Exception {
        ollama.on("/api/show", show(32_768, "num_ctx 4096"));
        client(new ModelLimits(OptionalInt.of(12_000), OptionalInt.empty(), OptionalDouble.empty()))
                .chat(new Prompt("system", "question"));
        assertEquals(12_000, lastChat().path("options").path("num_ctx").asInt());
        OllamaChatClient tooBig =
                client(new ModelLimits(OptionalInt.of(65_536), OptionalInt.empty(), OptionalDouble.empty()));
        tooBig.chat(new Prompt("system", "question"));
        assertEquals(32_768, lastChat().path("options").path("num_ctx").asInt());
    }

    @Test
    void theWindowIsAskedOnceAndRemembered() throws Exception {
        ollama.on("/api/show", show(32_768, ""));
        OllamaChatClient client = client(ModelLimits.NONE);
        client.chat(new Prompt("system", "one"));
        client.chat(new Prompt("system", "two"));
        assertEquals(1, ollama.received("/api/show").size());
        assertEquals(2, ollama.received("/api/chat").size());
    }

    @Test
    void whenOllamaCannotDescribeTheModelItsOwnDefaultWindowHoldsAndItIsAskedAgainNextTime() throws Exception {
        OllamaChatClient client = client(ModelLimits.NONE);
        client.chat(new Prompt("system", "one"));
        assertEquals(
                OllamaWindow.WHEN_UNKNOWN,
                lastChat().path("options").path("num_ctx").asInt());
        client.chat(new Prompt("system", "two"));
        assertEquals(2, ollama.received("/api/show").size());
    }

    @Test
    void theRequestsMaxTokensAndTemperatureWinOverKrYaml() throws Exception {
        ollama.on("/api/show", show(32_768, ""));
        OllamaChatClient client =
                client(new ModelLimits(OptionalInt.empty(), OptionalInt.of(700), OptionalDouble.of(0.5)));
        client.chat(new Prompt("system", "question"));
        assertEquals(700, lastChat().path("options").path("num_predict").asInt());
        assertEquals(0.5, lastChat().path("options").path("temperature").asDouble());
        client.chat(new Prompt("system", "question").with(Generation.of(300, 0.9)));
        assertEquals(300, lastChat().path("options").path("num_predict").asInt());
        assertEquals(0.9, lastChat().path("options").path("temperature").asDouble());
    }

    @Test
    void anOversizedContextIsTrimmedToTheWindowAndTheReplySaysWhat() throws Exception {
        ollama.on("/api/show", show(1_536, ""));
        List<ContextPassage> context = List.of(
                new ContextPassage("kb", "a", 0.9, "Trust store", "Import the CA with keytool. ".repeat(60)),
                new ContextPassage("kb", "b", 0.8, "Proxy", "Declare the proxy in settings.xml. ".repeat(60)),
                new ContextPassage("kb", "c", 0.7, "Gradle", "Set systemProp in gradle.properties. ".repeat(60)));
        Prompt prompt =
                new PromptBuilder().build("mvn fails with PKIX", context).with(Generation.maxTokens(256));
        ModelReply reply = client(ModelLimits.NONE).chat(prompt);
        ContextTrim trim = reply.trim().orElseThrow();
        assertEquals(1_536, trim.window());
        assertTrue(trim.dropped().contains("kb/c"), trim.reason());
        JsonNode sent = lastChat();
        assertEquals(1_536, sent.path("options").path("num_ctx").asInt());
        assertEquals(256, sent.path("options").path("num_predict").asInt());
        String user = sent.path("messages").get(1).path("content").asText();
        assertFalse(user.contains("gradle.properties"), user);
        assertTrue(user.endsWith("mvn fails with PKIX"), user);
        int sentTokens = new PromptFitter(new TokenEstimator())
                .tokens(new Prompt(sent.path("messages").get(0).path("content").asText(), user));
        assertTrue(sentTokens + 256 <= 1_536, "the prompt and the answer fit the window: " + sentTokens);
    }
}
