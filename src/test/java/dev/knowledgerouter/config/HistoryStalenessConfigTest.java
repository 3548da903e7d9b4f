package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routing.learning.history_staleness_ms}: how old a view of the history a route decision accepts. */
class HistoryStalenessConfigTest {
    @TempDir
    Path dir;

    private KrConfig load(String yaml) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, Map.of()).load();
    }

    @Test
    void withoutASettingTheDecisionAcceptsTheDefaultAllowance() throws IOException {
        assertEquals(
                LearningSettings.DEFAULT_HISTORY_STALENESS,
                load("").routing().learning().historyStaleness());
    }

    @Test
    void theFileSetsTheAllowanceAndZeroMakesEveryStoredInteractionCount() throws IOException {
        assertEquals(
                Duration.ofMillis(250),
                load("routing:\n  learning:\n    history_staleness_ms: 250\n")
                        .routing()
                        .learning()
                        .historyStaleness());
        assertEquals(
                Duration.ZERO,
                load("routing:\n  learning:\n    history_staleness_ms: 0\n")
                        .routing()
                        .learning()
                        .historyStaleness());
    }

    @Test
    void aNegativeAllowanceIsRefusedNamingTheSetting() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> load("routing:\n  learning:\n    history_staleness_ms: -5\n"));
        assertTrue(
                e.getMessage().contains("learning.history_staleness_ms must be between 0 and 60000"), e.getMessage());
    }
}
