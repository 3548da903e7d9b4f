package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local_models:} and the window and answer keys of the model sections, as kr.yaml gives them. */
class LocalModelsConfigTest {
    static final String KEY = "lm-studio-key-0123456789";

    @TempDir
    Path dir;

    KrConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, env).load();
    }

    ConfigException refused(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> new ConfigLoader(dir, env).load());
    }

    @Test
    void withoutLocalModelsTheChainIsOllamasModelAndFallbacksWithItsWindowAndAnswerSettings() throws IOException {
        KrConfig c = load("""
                ollama:
                  model: qwen2.5-coder:7b
                  fallback_models: [llama3.2:3b]
                  context_tokens: 16384
                  max_tokens: 800
                  temperature: 0.1
                """, Map.of());
        List<LocalModelSettings> chain = c.localChain();
        assertEquals(
                List.of("ollama/qwen2.5-coder:7b", "ollama/llama3.2:3b"),
                chain.stream().map(LocalModelSettings::name).toList());
        LocalModelSettings first = chain.getFirst();
        assertEquals("http://localhost:11434", first.baseUrl());
        assertEquals(OptionalInt.of(16_384), first.contextTokens());
        assertEquals(OptionalInt.of(800), first.maxTokens());
        assertEquals(OptionalDouble.of(0.1), first.temperature());
    }

    @Test
    void localModelsMixOllamaAndOpenAiCompatibleServersInTheOrderGiven() throws IOException {
        KrConfig c = load("""
                ollama:
                  host: http://gpu-box:11434
                  timeout_seconds: 60
                local_models:
                  - provider: openai
                    base_url: http://localhost:8080
                    model: qwen2.5-coder-7b-instruct
                    context_tokens: 8192
                  - model: llama3.2:3b
                  - provider: openai
                    base_url: http://localhost:1234/v1/
                    model: lmstudio-community/qwen2.5-7b
                    api_key_env: LMSTUDIO_KEY
                    max_tokens: 512
                    temperature: 0.7
                    timeout_seconds: 30
                """, Map.of("LMSTUDIO_KEY", KEY));
        List<LocalModelSettings> chain = c.localChain();
        assertEquals(
                List.of(
                        "openai/qwen2.5-coder-7b-instruct",
                        "ollama/llama3.2:3b",
                        "openai/lmstudio-community/qwen2.5-7b"),
                chain.stream().map(LocalModelSettings::name).toList());
        assertEquals("http://localhost:8080/v1", chain.get(0).baseUrl(), "a bare host gets the API's /v1");
        assertEquals(OptionalInt.of(8192), chain.get(0).contextTokens());
        assertEquals(Duration.ofSeconds(60), chain.get(0).timeout(), "ollama's timeout is every model's default");
        assertEquals(
                "http://gpu-box:11434", chain.get(1).baseUrl(), "an Ollama model without base_url is on ollama.host");
        assertEquals("http://localhost:1234/v1", chain.get(2).baseUrl());
        assertEquals(KEY, chain.get(2).apiKey().orElseThrow().reveal());
        assertEquals(OptionalInt.of(512), chain.get(2).maxTokens());
        assertEquals(OptionalDouble.of(0.7), chain.get(2).temperature());
        assertEquals(Duration.ofSeconds(30), chain.get(2).timeout());
        assertEquals("http://localhost:1234", chain.get(2).host());
        assertFalse(c.toString().contains(KEY), "the key never shows in the configuration's text");
    }

    @Test
    void aKeyWrittenInTheFileIsRefusedAndTheVariableToUseIsNamed() throws IOException {
        ConfigException e = refused(
                "local_models:\n  - {provider: openai, base_url: http://localhost:8080/v1, model: m, api_key: " + KEY
                        + "}\n",
                Map.of());
        assertTrue(
                e.getMessage().startsWith("kr.yaml: local_models[0].api_key is not read from files"), e.getMessage());
        assertTrue(e.getMessage().contains("api_key_env"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void aKeyVariableThatIsNotSetIsRefusedByName() throws IOException {
        ConfigException e = refused(
                "local_models:\n  - {provider: openai, base_url: http://localhost:8080/v1, model: m,"
                        + " api_key_env: LLAMA_KEY}\n",
                Map.of());
        assertEquals(
                "kr.yaml: local_models[0].api_key_env names LLAMA_KEY, which is not set; export it, or remove"
                        + " api_key_env if the server needs no key",
                e.getMessage());
    }

    @Test
    void anOpenAiModelWithoutABaseUrlIsRefusedWithExamples() throws IOException {
        ConfigException e = refused("local_models:\n  - {provider: openai, model: m}\n", Map.of());
        assertTrue(e.getMessage().startsWith("kr.yaml: local_models[0].base_url is required for provider openai"));
    }

    @Test
    void anUnknownProviderIsRefusedNamingTheTwoThereAre() throws IOException {
        ConfigException e = refused("local_models:\n  - {provider: vllm, model: m}\n", Map.of());
        assertTrue(e.getMessage().contains("use ollama (Ollama's API) or openai"), e.getMessage());
    }

    @Test
    void fallbackModelsAndLocalModelsTogetherAreRefused() throws IOException {
        ConfigException e = refused(
                "ollama:\n  fallback_models: [llama3.2:3b]\nlocal_models:\n  - {model: qwen2.5-coder:7b}\n", Map.of());
        assertTrue(e.getMessage().contains("both name the fallback chain"), e.getMessage());
        ConfigException env = refused(
                "local_models:\n  - {model: qwen2.5-coder:7b}\n", Map.of("OLLAMA_FALLBACK_MODELS", "llama3.2:3b"));
        assertTrue(env.getMessage().contains("OLLAMA_FALLBACK_MODELS"), env.getMessage());
    }

    @Test
    void theSameModelTwiceIsRefused() throws IOException {
        ConfigException e =
                refused("local_models:\n  - {model: qwen2.5-coder:7b}\n  - {model: qwen2.5-coder:7b}\n", Map.of());
        assertTrue(e.getMessage().contains("names ollama/qwen2.5-coder:7b a second time"), e.getMessage());
    }

    @Test
    void windowAndAnswerSettingsOutOfRangeAreRefusedByKey() throws IOException {
        assertTrue(refused("ollama:\n  context_tokens: 100\n", Map.of())
                .getMessage()
                .startsWith("kr.yaml: ollama.context_tokens must be between 512"));
        assertTrue(refused("local_models:\n  - {model: m, temperature: 3}\n", Map.of())
                .getMessage()
                .startsWith("kr.yaml: local_models[0].temperature must be between 0 and 2"));
        assertTrue(refused("local_models:\n  - {model: m, max_tokens: 0}\n", Map.of())
                .getMessage()
                .startsWith("kr.yaml: local_models[0].max_tokens must be between 1 and 128000"));
        assertTrue(refused("claude:\n  temperature: -1\n", Map.of())
                .getMessage()
                .startsWith("kr.yaml: claude.temperature must be between 0 and 2"));
    }

    @Test
    void claudesTemperatureComesFromItsSection() throws IOException {
        assertEquals(
                OptionalDouble.of(0.3),
                load("claude:\n  temperature: 0.3\n", Map.of()).claude().temperature());
        assertEquals(
                OptionalDouble.empty(),
                load("claude:\n  max_tokens: 900\n", Map.of()).claude().temperature());
    }
}
