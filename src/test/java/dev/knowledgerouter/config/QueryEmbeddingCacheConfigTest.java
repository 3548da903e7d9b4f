package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query_embedding_cache} in kr.yaml and {@code KR_QUERY_EMBEDDING_CACHE}: how many query vectors are kept. */
class QueryEmbeddingCacheConfigTest {
    @TempDir
    Path dir;

    private KrConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, env).load();
    }

    @Test
    void withoutAnySettingTheCacheKeepsTheDefaultNumberOfQueries() throws IOException {
        assertEquals(
                EmbedderSettings.DEFAULT_QUERY_CACHE_ENTRIES,
                load("", Map.of()).embedder().queryCacheEntries());
    }

    @Test
    void theFileSetsTheSizeAndZeroTurnsTheCacheOff() throws IOException {
        assertEquals(0, load("query_embedding_cache: 0\n", Map.of()).embedder().queryCacheEntries());
        assertEquals(
                50, load("query_embedding_cache: 50\n", Map.of()).embedder().queryCacheEntries());
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws IOException {
        KrConfig c = load("query_embedding_cache: 50\n", Map.of("KR_QUERY_EMBEDDING_CACHE", "7"));
        assertEquals(7, c.embedder().queryCacheEntries());
    }

    @Test
    void aNegativeSizeIsRefusedNamingTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("query_embedding_cache: -1\n", Map.of()));
        assertTrue(e.getMessage().contains("query_embedding_cache must be between 0 (off)"), e.getMessage());
    }
}
