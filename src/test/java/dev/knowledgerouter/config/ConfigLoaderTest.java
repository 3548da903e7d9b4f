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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    KrConfig load(Map<String, String> env) {
        return new ConfigLoader(dir, env).load();
    }

    void yaml(String text) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), text);
    }

    @Test
    void withoutFileOrEnvironmentTheDefaultsApply() {
        KrConfig c = load(Map.of());
        assertEquals(dir.resolve("data"), c.home());
        assertEquals("127.0.0.1", c.server().host());
        assertEquals(8080, c.server().port());
        assertEquals("http://localhost:11434", c.ollama().host());
        assertEquals("qwen2.5-coder:7b", c.ollama().model());
        assertFalse(c.claude().enabled());
        assertEquals("default", c.routing().defaultProfile());
        assertTrue(c.routing().profiles().keySet().containsAll(Set.of("default", "critical", "casual")));
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        yaml("home: ./from-file\nserver:\n  port: 9000\nollama:\n  model: llama3.2\n");
        KrConfig c = load(Map.of(
                "KR_HOME", "/srv/kr", "KR_PORT", "9100", "OLLAMA_MODEL", "qwen3:8b", "OLLAMA_HOST", "0.0.0.0:11500"));
        assertEquals(Path.of("/srv/kr"), c.home());
        assertEquals(9100, c.server().port());
        assertEquals("qwen3:8b", c.ollama().model());
        assertEquals("http://127.0.0.1:11500", c.ollama().host());
    }

    @Test
    void aProfileFromTheFileReplacesTheShippedOne() throws IOException {
        yaml("routing:\n  profiles:\n    default:\n      - {relevance_above: 0.9, complexity_below: 3}\n");
        assertEquals(
                1,
                load(Map.of())
                        .routing()
                        .profile("default")
                        .orElseThrow()
                        .localWhen()
                        .size());
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() throws IOException {
        yaml("ollama:\n  hots: http://x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("ollama.hots") && e.getMessage().contains("host, model"), e.getMessage());
    }

    @Test
    void aBadPortNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("KR_PORT", "eighty")));
        assertTrue(e.getMessage().contains("KR_PORT") && e.getMessage().contains("eighty"), e.getMessage());
    }

    @Test
    void aThresholdOfTheWrongTypeNamesItsPath() throws IOException {
        yaml("routing:\n  profiles:\n    casual:\n      - {relevance_above: high, complexity_below: 3}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("routing.profiles.casual[0].relevance_above"), e.getMessage());
    }

    @Test
    void aFractionalComplexityIsRefusedNotTruncated() throws IOException {
        yaml("routing:\n  profiles:\n    casual:\n      - {relevance_above: 0.7, complexity_below: 3.9}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("casual[0].complexity_below must be a whole number"), e.getMessage());
    }

    @Test
    void anOutOfRangeThresholdNamesItsRule() throws IOException {
        yaml("routing:\n  profiles:\n    casual:\n      - {relevance_above: 85, complexity_below: 3}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(
                e.getMessage().contains("routing.profiles.casual[0]")
                        && e.getMessage().contains("between -1 and 1"),
                e.getMessage());
    }

    @Test
    void aContextBarWrittenAsAPercentageIsRefused() throws IOException {
        yaml("routing:\n  context_min_score: 70\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("routing.context_min_score is a cosine"), e.getMessage());
    }

    @Test
    void credentialsInAModelUrlAreRefusedWithoutEchoingThem() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> load(Map.of("OLLAMA_HOST", "http://me:hunter2@gpu-box:11434")));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        ConfigException a = assertThrows(
                ConfigException.class, () -> load(Map.of("ANTHROPIC_BASE_URL", "https://proxy.example/?key=abc")));
        assertTrue(a.getMessage().contains("ANTHROPIC_BASE_URL"), a.getMessage());
    }

    @Test
    void theRetrievalModeComesFromTheFileOrTheEnvironmentAndIsValidated() throws IOException {
        assertEquals("hybrid", load(Map.of()).routing().retrievalMode());
        yaml("routing:\n  retrieval: dense\n");
        assertEquals("dense", load(Map.of()).routing().retrievalMode());
        assertEquals("bm25", load(Map.of("KR_RETRIEVAL", "BM25")).routing().retrievalMode());
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("KR_RETRIEVAL", "fuzzy")));
        assertTrue(e.getMessage().contains("dense, bm25 or hybrid"), e.getMessage());
    }

    @Test
    void fallbackModelsAndTheCapComeFromTheEnvironment() {
        KrConfig c = load(Map.of(
                "OLLAMA_FALLBACK_MODELS", " llama3.2:3b, ,qwen2.5-coder:1.5b ", "KR_CLAUDE_MAX_CALLS_PER_HOUR", "7"));
        assertEquals(
                List.of("qwen2.5-coder:7b", "llama3.2:3b", "qwen2.5-coder:1.5b"),
                c.ollama().chain());
        assertEquals(7, c.cost().maxCallsPerHour());
        ConfigException e =
                assertThrows(ConfigException.class, () -> load(Map.of("KR_CLAUDE_MAX_CALLS_PER_HOUR", "lots")));
        assertTrue(e.getMessage().contains("KR_CLAUDE_MAX_CALLS_PER_HOUR"), e.getMessage());
    }

    @Test
    void budgetsPricingAndEscalationAreReadFromTheFile() throws IOException {
        yaml("""
                claude:
                  daily_budget_usd: 2.5
                  monthly_budget_usd: 40
                  pricing:
                    claude-sonnet-4-6: {input_per_million: 2.0, output_per_million: 10.0}
                escalation:
                  local_failures: 3
                  critical_task_types: [security, production]
                ollama:
                  fallback_models: [llama3.2:3b]
                  max_concurrent: 1
                """);
        KrConfig c = load(Map.of());
        assertEquals(2.5, c.cost().dailyBudgetUsd().orElseThrow());
        assertEquals(40.0, c.cost().monthlyBudgetUsd().orElseThrow());
        assertEquals(2.0, c.cost().priceOf("claude-sonnet-4-6").inputPerMillion());
        assertEquals(1, c.escalation().failuresBeforeEscalation("security"));
        assertEquals(3, c.escalation().failuresBeforeEscalation("general"));
        assertEquals(1, c.ollama().maxConcurrent());
        assertEquals(List.of("llama3.2:3b"), c.ollama().fallbackModels());
    }

    @Test
    void aNegativeBudgetNamesItsKey() throws IOException {
        yaml("claude:\n  daily_budget_usd: -1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("claude.daily_budget_usd must not be negative"), e.getMessage());
    }

    @Test
    void theShippedExampleConfigLoadsAsIs() throws IOException {
        Files.copy(Path.of("kr.yaml.example"), dir.resolve("kr.yaml"));
        KrConfig c = load(Map.of());
        assertEquals(3, c.routing().profile("default").orElseThrow().localWhen().size());
        assertEquals("hybrid", c.routing().retrievalMode());
        assertEquals(50, c.cost().maxCallsPerHour());
    }

    @Test
    void brokenYamlNamesTheLine() throws IOException {
        yaml("server:\n  port: 80\n   host: [\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void anApiKeyInTheFileIsRefusedWithoutEchoingIt() throws IOException {
        yaml("claude:\n  api_key: sk-ant-secret-value\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("ANTHROPIC_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-ant-secret-value"));
    }

    @Test
    void theApiTokenComesFromTheEnvironmentAndNeverPrints() {
        KrConfig c = load(Map.of("KR_API_TOKEN", "  kr-token-4242  "));
        assertEquals(
                "kr-token-4242",
                c.server().apiToken().orElseThrow().reveal(),
                "surrounding blanks of a pasted value are dropped");
        assertFalse(c.toString().contains("kr-token-4242"), c.toString());
        assertTrue(load(Map.of()).server().apiToken().isEmpty());
    }

    @Test
    void anApiTokenInTheFileIsRefusedWithoutEchoingIt() throws IOException {
        yaml("server:\n  api_token: kr-token-in-a-file\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(
                e.getMessage().contains("server.api_token") && e.getMessage().contains("KR_API_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("kr-token-in-a-file"));
    }

    @Test
    void onlyLoopbackAddressesCountAsUnexposed() {
        for (String local :
                List.of("127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LocalHost")) {
            assertTrue(new ServerSettings(local, 0, 1, 1).loopbackOnly(), local);
        }
        for (String exposed : List.of("0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.com", "my-laptop")) {
            assertFalse(new ServerSettings(exposed, 0, 1, 1).loopbackOnly(), exposed);
        }
    }

    @Test
    void theApiKeyEnablesClaudeAndNeverPrints() {
        KrConfig c = load(Map.of("ANTHROPIC_API_KEY", "sk-ant-123", "ANTHROPIC_BASE_URL", "http://127.0.0.1:9999/v1/"));
        assertTrue(c.claude().enabled());
        assertEquals("http://127.0.0.1:9999", c.claude().baseUrl());
        assertFalse(c.toString().contains("sk-ant-123"), c.toString());
    }

    @Test
    void aDefaultProfileThatIsNotDefinedIsRefused() throws IOException {
        yaml("routing:\n  default_profile: fast\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
    }

    @Test
    void theCodeSectionReadsRootsWithTildeAndTheContextMode() throws IOException {
        yaml("""
                code:
                  allowed_roots: [~/src, /srv/repos, work]
                  # a bare ~ alone would be YAML's null; see the next test
                  max_file_kb: 64
                  summary_batch_files: 2
                  routing_context: always
                """);
        CodeSettings code = load(Map.of()).code();
        assertEquals(
                List.of(
                        Path.of(System.getProperty("user.home"), "src"),
                        Path.of("/srv/repos"),
                        dir.resolve("work").toAbsolutePath().normalize()),
                code.allowedRoots());
        assertEquals(64 * 1024, code.maxFileBytes());
        assertEquals(2, code.summaryBatchFiles());
        assertEquals(CodeSettings.RoutingContext.ALWAYS, code.routingContext());
    }

    @Test
    void withoutACodeSectionAnalysisIsAllowedUnderTheHomeDirectoryAndCodeIsContextWhenNamed() {
        CodeSettings code = load(Map.of()).code();
        assertEquals(
                List.of(Path.of(System.getProperty("user.home"))
                        .toAbsolutePath()
                        .normalize()),
                code.allowedRoots());
        assertEquals(CodeSettings.RoutingContext.NAMED, code.routingContext());
    }

    @Test
    void aBadRoutingContextNamesTheChoices() throws IOException {
        yaml("code:\n  routing_context: sometimes\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("code.routing_context must be off, named or always"), e.getMessage());
    }

    @Test
    void codeIsEmbeddedByTheBundledMiniLmUnlessTheKnowledgeEmbedderIsChosen() throws IOException {
        assertEquals(CodeSettings.CodeEmbedder.MINILM, load(Map.of()).code().embedder());
        yaml("code:\n  embedder: knowledge\n");
        assertEquals(CodeSettings.CodeEmbedder.KNOWLEDGE, load(Map.of()).code().embedder());
        assertEquals(
                CodeSettings.CodeEmbedder.MINILM,
                load(Map.of("KR_CODE_EMBEDDER", "minilm")).code().embedder());
    }

    @Test
    void aBadCodeEmbedderNamesTheChoices() throws IOException {
        yaml("code:\n  embedder: nomic\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("code.embedder must be minilm"), e.getMessage());
        assertTrue(e.getMessage().contains("'nomic'"), e.getMessage());
    }

    @Test
    void aBareTildeRootIsExplainedRatherThanReadAsNull() throws IOException {
        yaml("code:\n  allowed_roots: [~]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("write \"~\" (in quotes)"), e.getMessage());
    }

    @Test
    void theEmbeddedStoreAndTheInProcessEmbedderAreTheDefaults() {
        KrConfig c = load(Map.of());
        assertEquals(StoreSettings.Kind.LUCENE, c.store().kind());
        assertEquals(EmbedderSettings.Kind.LOCAL, c.embedder().kind());
        assertEquals("http://localhost:6334", c.store().qdrantUrl());
        assertEquals("nomic-embed-text", c.embedder().ollamaModel());
    }

    @Test
    void theFullStackIsSelectedInTheFileWithItsQdrantSettings() throws IOException {
        yaml(
                "store: qdrant\nembedder: ollama\nqdrant:\n  url: https://q.internal:6334\n  collection_prefix: team_a_\n  shards: 6\n"
                        + "  replication_factor: 2\n  write_consistency_factor: 2\nollama:\n  embedding_model: mxbai-embed-large\n");
        KrConfig c = load(Map.of());
        assertEquals(StoreSettings.Kind.QDRANT, c.store().kind());
        assertEquals(EmbedderSettings.Kind.OLLAMA, c.embedder().kind());
        assertEquals("team_a_", c.store().collectionPrefix());
        assertEquals(6, c.store().shards());
        assertEquals(2, c.store().writeConsistencyFactor());
        assertEquals("mxbai-embed-large", c.embedder().ollamaModel());
    }

    @Test
    void theEnvironmentSelectsTheStoreTheEmbedderAndQdrant() throws IOException {
        yaml("store: lucene\n");
        KrConfig c = load(Map.of(
                "KR_STORE",
                "qdrant",
                "KR_EMBEDDER",
                "ollama",
                "QDRANT_URL",
                "http://qdrant:6334",
                "QDRANT_API_KEY",
                "k-123",
                "OLLAMA_EMBED_MODEL",
                "nomic-embed-text:v1.5"));
        assertEquals(StoreSettings.Kind.QDRANT, c.store().kind());
        assertEquals(EmbedderSettings.Kind.OLLAMA, c.embedder().kind());
        assertEquals("http://qdrant:6334", c.store().qdrantUrl());
        assertEquals("k-123", c.store().qdrantApiKey().orElseThrow().reveal());
        assertFalse(c.store().toString().contains("k-123"), "the key never shows in a printed config");
        assertEquals("nomic-embed-text:v1.5", c.embedder().ollamaModel());
    }

    @Test
    void anUnknownStoreOrEmbedderIsNamedWithTheChoices() throws IOException {
        yaml("store: postgres\n");
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of()))
                .getMessage()
                .contains("lucene or qdrant"));
        yaml("embedder: openai\n");
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of()))
                .getMessage()
                .contains("local or ollama"));
    }

    @Test
    void aQdrantApiKeyInTheFileIsRefusedPointingToTheEnvironment() throws IOException {
        yaml("qdrant:\n  api_key: abc\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("QDRANT_API_KEY") && !e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void inconsistentClusterSettingsNameTheSection() throws IOException {
        yaml("qdrant:\n  replication_factor: 1\n  write_consistency_factor: 2\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("qdrant:") && e.getMessage().contains("replication factor"), e.getMessage());
    }

    @Test
    void aBadQdrantUrlIsRefusedWithAnExample() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("QDRANT_URL", "ftp://q:6334")));
        assertTrue(e.getMessage().contains("http://"), e.getMessage());
    }

    @Test
    void theMcpSectionSetsTheSessionLimits() throws IOException {
        yaml("mcp:\n  max_sessions: 32\n  session_idle_minutes: 90\n  max_initialize_kb: 8\n");
        McpSettings mcp = load(Map.of()).mcp();
        assertEquals(32, mcp.maxSessions());
        assertEquals(Duration.ofMinutes(90), mcp.sessionIdle());
        assertEquals(8 * 1024, mcp.maxInitializeBytes());
    }

    @Test
    void withoutAnMcpSectionSessionsAreCappedAt256AndCloseAfter30IdleMinutes() {
        McpSettings mcp = load(Map.of()).mcp();
        assertEquals(256, mcp.maxSessions());
        assertEquals(Duration.ofMinutes(30), mcp.sessionIdle());
        assertEquals(16 * 1024, mcp.maxInitializeBytes());
    }

    @Test
    void anMcpLimitOutOfRangeIsRefusedNamingTheKeyAndTheRange() throws IOException {
        yaml("mcp:\n  max_sessions: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertEquals("kr.yaml: mcp.max_sessions must be between 1 and 100000, got 0", e.getMessage());
    }

    @Test
    void curatedKnowledgeCannotBeReplacedAndInteractionsAreNotSharedUnlessTheFileSaysSo() throws IOException {
        assertEquals(new KnowledgeSettings(false, false), load(Map.of()).knowledge());
        yaml("knowledge:\n  allow_replace: true\n  share_interactions: true\n");
        assertEquals(new KnowledgeSettings(true, true), load(Map.of()).knowledge());
    }

    @Test
    void aKnowledgeSwitchWrittenAsTextIsRefusedWithItsPath() throws IOException {
        yaml("knowledge:\n  allow_replace: \"yes please\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of()));
        assertTrue(e.getMessage().contains("knowledge.allow_replace must be true or false"), e.getMessage());
        yaml("knowledge:\n  share: true\n");
        ConfigException unknown = assertThrows(ConfigException.class, () -> load(Map.of()));
        String m = unknown.getMessage();
        assertTrue(
                m.contains("knowledge.share is not a known key; known keys here: allow_replace, share_interactions"),
                m);
    }
}
