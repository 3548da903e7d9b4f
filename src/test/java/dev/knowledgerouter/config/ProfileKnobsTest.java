package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile written as a mapping: its rules under local_when, beside its reuse bar and check threshold. */
class ProfileKnobsTest {
    @TempDir
    Path dir;

    RoutingProfile profile(String yaml, String name) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, Map.of()).load().routing().profile(name).orElseThrow();
    }

    @Test
    void aMappingSetsTheRulesTheReuseBarAndTheCheckThreshold() throws IOException {
        RoutingProfile p = profile("""
                routing:
                  profiles:
                    critical:
                      local_when:
                        - {relevance_above: 0.84, complexity_below: 5}
                      reuse_above: 0.95
                      escalate_at: 0.25
                """, "critical");
        assertEquals(1, p.localWhen().size());
        assertEquals(0.95, p.reuseAbove());
        assertEquals(Optional.of(0.25), p.escalateAt());
    }

    @Test
    void aListOfRulesKeepsTheShippedReuseBarAndThreshold() throws IOException {
        RoutingProfile p = profile(
                "routing:\n  profiles:\n    default:\n      - {relevance_above: 0.9, complexity_below: 3}\n",
                "default");
        assertEquals(RoutingProfile.DEFAULT_REUSE_ABOVE, p.reuseAbove());
        assertEquals(Optional.empty(), p.escalateAt());
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefusedNamingTheKey() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> profile(
                        "routing:\n  profiles:\n    casual:\n      local_when: []\n      escalate_at: 1.5\n",
                        "casual"));
        assertTrue(
                e.getMessage().contains("routing.profiles.casual")
                        && e.getMessage().contains("escalate_at"),
                e.getMessage());
    }

    @Test
    void aMappingWithoutRulesIsRefusedWithTheFix() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> profile("routing:\n  profiles:\n    casual:\n      reuse_above: 0.93\n", "casual"));
        assertTrue(e.getMessage().contains("local_when is required"), e.getMessage());
    }
}
