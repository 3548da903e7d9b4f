package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.LocalModels;
import dev.knowledgerouter.config.ModelLimits;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kr models} and {@code kr status} over a local chain that mixes Ollama and an OpenAI-compatible server. */
class LocalModelsCliTest {
    static final String KEY = "sk-llama-server-0123456789";
    static final String TAGS =
            "{\"models\":[{\"name\":\"qwen2.5-coder:7b\",\"size\":4683087332,\"details\":{\"parameter_size\":\"7.6B\"}}]}";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/tags", Reply.json(200, TAGS));
    final WireServer openAi = new WireServer().on("/v1/models", Reply.json(200, WireReplies.OPENAI_MODELS));

    @AfterEach
    void stop() {
        ollama.close();
        openAi.close();
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    Run kr(KrConfig config, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> config,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Main.run(ctx, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    LocalModelSettings served(String model) {
        return new LocalModelSettings(
                LocalModelSettings.Provider.OPENAI,
                openAi.url() + "/v1",
                model,
                Optional.of(Secret.of(KEY)),
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalDouble.empty(),
                Duration.ofSeconds(5));
    }

    /** The chain: Ollama's qwen (installed), the server's model (served), another it does not serve. */
    KrConfig config() {
        return TestStack.config(home).toBuilder()
                .ollama(new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(5)))
                .localModels(new LocalModels(
                        List.of(
                                LocalModelSettings.ollama(
                                        ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5), ModelLimits.NONE),
                                served("qwen2.5-coder-7b-instruct"),
                                served("llama-3.1-8b-instruct")),
                        ModelLimits.NONE))
                .build();
    }

    @Test
    void modelsListsWhatEachServerHasAndMarksTheConfiguredOnesMissing() {
        Run r = kr(config(), "models");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("models on " + openAi.url() + "/v1 (OpenAI-compatible):"), r.out());
        assertTrue(r.out().contains("ollama/qwen2.5-coder:7b") && r.out().contains("present"), r.out());
        assertTrue(r.out().matches("(?s).*openai/qwen2.5-coder-7b-instruct\\s+present.*"), r.out());
        assertTrue(
                r.out().contains("openai/llama-3.1-8b-instruct") && r.out().contains("MISSING: load it on its server"),
                r.out());
        assertEquals("Bearer " + KEY, openAi.received("/v1/models").getFirst().header("Authorization"));
        assertEquals(1, openAi.received("/v1/models").size(), "one server is asked once");
    }

    @Test
    void modelsJsonNamesEachServerAndTheProviderOfEachConfiguredModel() throws Exception {
        JsonNode j = kr(config(), "models", "--json").json();
        assertEquals(
                openAi.url() + "/v1", j.path("servers").get(0).path("base_url").asText());
        assertEquals(
                "qwen2.5-coder-7b-instruct",
                j.path("servers").get(0).path("models").get(0).asText());
        assertEquals("openai", j.path("configured").get(1).path("provider").asText());
        assertFalse(j.path("configured").get(2).path("present").asBoolean());
    }

    @Test
    void statusShowsEveryModelOfTheChainWithItsStateAndNeverTheKey() throws Exception {
        Run r = kr(config(), "status", "--json");
        JsonNode local = r.json().path("local_model");
        assertTrue(local.path("up").asBoolean(), local.toString());
        assertEquals("ollama", local.path("provider").asText());
        JsonNode chain = local.path("chain");
        assertEquals(3, chain.size());
        assertEquals(
                "openai/qwen2.5-coder-7b-instruct", chain.get(1).path("model").asText());
        assertTrue(chain.get(1).path("up").asBoolean(), chain.toString());
        assertFalse(chain.get(2).path("up").asBoolean());
        assertTrue(chain.get(2).path("reason").asText().startsWith("not served by " + openAi.url() + "/v1"));
        assertFalse(r.out().contains(KEY));
        Run human = kr(config(), "status");
        assertTrue(human.out().contains("DOWN  openai/llama-3.1-8b-instruct: not served by"), human.out());
    }

    @Test
    void anUnreachableOpenAiServerIsDownInStatusWithWhatToDo() throws Exception {
        openAi.close();
        JsonNode chain =
                kr(config(), "status", "--json").json().path("local_model").path("chain");
        assertFalse(chain.get(1).path("up").asBoolean());
        assertTrue(chain.get(1).path("reason").asText().startsWith("no OpenAI-compatible server at"), chain.toString());
    }
}
