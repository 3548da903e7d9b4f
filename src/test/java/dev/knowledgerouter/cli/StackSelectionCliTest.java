package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.config.EmbedderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.testing.BagOfWordsOllama;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choosing the store and the embedder: {@code kr status} reports each part, an unreachable Qdrant
 * stops commands with its URL and the fix, and an Ollama embedder (a wire-format server here) fills
 * and searches the store with nomic's task prefixes.
 */
class StackSelectionCliTest {
    @TempDir
    Path home;

    private final WireServer ollama = new WireServer();

    @AfterEach
    void stop() {
        ollama.close();
    }

    private static CliTest.Run kr(KrConfig config, String... args) {
        return new CliTest().kr(config, args);
    }

    private KrConfig withUnreachableQdrant(KrConfig config) {
        String url = "http://127.0.0.1:" + TestStack.closedPort();
        return config.withStore(new StoreSettings(
                StoreSettings.Kind.QDRANT, url, Optional.empty(), "", 1, 1, 1, Duration.ofSeconds(3)));
    }

    private KrConfig withOllamaEmbedder(KrConfig config) {
        ollama.on("/api/embed", new BagOfWordsOllama(768, "nomic-embed-text"));
        ollama.on(
                "/api/tags",
                WireServer.Reply.json(
                        200,
                        "{\"models\":[{\"name\":\"nomic-embed-text:latest\",\"size\":274302450,\"details\":{\"parameter_size\":\"137M\"}}]}"));
        return config.withOllama(new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10)))
                .withEmbedder(new EmbedderSettings(EmbedderSettings.Kind.OLLAMA, "nomic-embed-text", Optional.empty()));
    }

    @Test
    void statusOnTheEmbeddedDefaultIsOkAndSaysWhyEachMissingPartIsDown() {
        CliTest.Run r = kr(TestStack.seededCopy(home), "status", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("ok", j.path("status").asText());
        assertTrue(j.path("store").path("up").asBoolean());
        assertEquals("lucene", j.path("store").path("kind").asText());
        assertTrue(j.path("store").path("entries").asLong() > 0);
        assertTrue(j.path("embedder").path("up").asBoolean());
        assertEquals("local", j.path("embedder").path("kind").asText());
        assertFalse(j.path("local_model").path("up").asBoolean());
        assertTrue(j.path("local_model").path("reason").asText().contains("ollama serve"), j.toString());
        assertFalse(j.path("claude").path("up").asBoolean());
        assertTrue(j.path("claude").path("reason").asText().contains("ANTHROPIC_API_KEY"), j.toString());
    }

    @Test
    void humanStatusListsEveryPartWithUpOrDown() {
        CliTest.Run r = kr(TestStack.seededCopy(home), "status");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("status: ok"), r.out());
        for (String part : new String[] {"store", "embedder", "local_model", "claude"}) {
            assertTrue(r.out().contains("  " + part), r.out());
        }
        assertTrue(r.out().contains("DOWN"), r.out());
    }

    @Test
    void statusWithAnUnreachableQdrantIsDownNamingTheUrlAndExitsOne() {
        KrConfig config = withUnreachableQdrant(TestStack.config(home));
        CliTest.Run r = kr(config, "status", "--json");
        assertEquals(1, r.exit(), r.err());
        JsonNode store = r.json().path("store");
        assertEquals("down", r.json().path("status").asText());
        assertFalse(store.path("up").asBoolean());
        assertEquals("qdrant", store.path("kind").asText());
        assertTrue(store.path("reason").asText().contains(config.store().qdrantUrl()), store.toString());
        assertTrue(store.path("reason").asText().contains("QDRANT_URL"), store.toString());
    }

    @Test
    void serveWithAnUnreachableQdrantStopsAtStartWithTheFixAndNoStackTrace() {
        KrConfig config = withUnreachableQdrant(TestStack.config(home));
        CliTest.Run r = kr(config, "serve", "--port", "0");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("Qdrant at " + config.store().qdrantUrl() + " is unreachable"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void migratingToTheStoreAlreadyConfiguredIsRefused() {
        CliTest.Run r = kr(TestStack.seededCopy(home), "migrate", "--to", "lucene");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("already lucene") && r.err().contains("--to qdrant"), r.err());
    }

    @Test
    void migratingToAnUnreachableQdrantFailsClearlyAndLeavesTheSourceAsItWas() {
        KrConfig seeded = TestStack.seededCopy(home);
        long before = kr(seeded, "collections", "--json").json().findValues("count").stream()
                .mapToLong(JsonNode::asLong)
                .sum();
        String url = "http://127.0.0.1:" + TestStack.closedPort();
        KrConfig config = seeded.withStore(new StoreSettings(
                StoreSettings.Kind.LUCENE, url, Optional.empty(), "", 1, 1, 1, Duration.ofSeconds(3)));
        CliTest.Run r = kr(config, "migrate", "--to", "qdrant");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("Qdrant at " + url + " is unreachable"), r.err());
        long after = kr(seeded, "collections", "--json").json().findValues("count").stream()
                .mapToLong(JsonNode::asLong)
                .sum();
        assertEquals(before, after);
    }

    @Test
    void anUnknownMigrationTargetIsRefusedNamingTheChoices() {
        CliTest.Run r = kr(TestStack.seededCopy(home), "migrate", "--to", "postgres");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("lucene or qdrant"), r.err());
    }

    @Test
    void anOllamaEmbedderFillsAndSearchesTheStoreWithNomicTaskPrefixes() {
        KrConfig config = withOllamaEmbedder(TestStack.config(home));
        CliTest.Run seed = kr(config, "seed");
        assertEquals(0, seed.exit(), seed.err());
        CliTest.Run search = kr(
                config,
                "search",
                "--json",
                "--k",
                "3",
                "--collection",
                "error-solutions",
                "npm ERESOLVE unable to resolve dependency tree");
        assertEquals(0, search.exit(), search.err());
        assertEquals(3, search.json().path("hits").size());
        assertTrue(search.json().path("hits").get(0).path("id").asText().contains("npm"), search.out());
        assertTrue(ollama.received().stream()
                .anyMatch(q -> q.path().equals("/api/embed") && q.body().contains("search_document: ")));
        assertTrue(ollama.received().stream()
                .anyMatch(q -> q.path().equals("/api/embed") && q.body().contains("search_query: npm ERESOLVE")));

        JsonNode collections = kr(config, "collections", "--json").json();
        assertEquals(
                "ollama/nomic-embed-text", collections.get(0).path("embedder").asText(), collections.toString());
        assertEquals(768, collections.get(0).path("dimension").asInt());
    }

    @Test
    void statusReportsTheOllamaEmbedderUpWhenItsModelIsPulled() {
        KrConfig config = withOllamaEmbedder(TestStack.config(home));
        JsonNode embedder = kr(config, "status", "--json").json().path("embedder");
        assertTrue(embedder.path("up").asBoolean(), embedder.toString());
        assertEquals("ollama/nomic-embed-text", embedder.path("id").asText());
    }

    @Test
    void aStoreFilledByAnotherEmbedderIsReportedDownWithTheReindexFix() {
        KrConfig seededWithLocal = TestStack.seededCopy(home);
        KrConfig config = withOllamaEmbedder(seededWithLocal);
        CliTest.Run r = kr(config, "status", "--json");
        assertEquals(1, r.exit());
        String reason = r.json().path("store").path("reason").asText();
        assertTrue(reason.contains("ollama/nomic-embed-text") && reason.contains("kr reindex"), reason);
        CliTest.Run query = kr(config, "query", "how do I squash commits");
        assertEquals(1, query.exit());
        assertTrue(query.err().contains("cannot be mixed"), query.err());
    }
}
