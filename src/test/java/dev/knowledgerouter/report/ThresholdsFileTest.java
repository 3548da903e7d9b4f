package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.config.ConfigLoader;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.testing.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsFileTest {
    @TempDir
    Path dir;

    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);
    final List<LocalRule> tuned = List.of(new LocalRule(0.78, 6), new LocalRule(0.7, 3));

    KrConfig load() {
        return new ConfigLoader(dir, Map.of()).load();
    }

    @Test
    void theTunedRulesReplaceTheProfileAndEverythingElseStays() throws Exception {
        Path file = dir.resolve("kr.yaml");
        String original = """
                # my settings
                server:
                  port: 9123
                routing:
                  context_k: 4
                  profiles:
                    default:
                      - {relevance_above: 0.80, complexity_below: 6}
                    mine:
                      - {relevance_above: 0.9, complexity_below: 2}
                """;
        Files.writeString(file, original);
        ThresholdsFile.Applied applied = ThresholdsFile.apply(file, "default", tuned, clock);

        assertEquals(Optional.of(dir.resolve("kr.yaml.bak-20261122-101530")), applied.backup());
        assertEquals(
                original,
                Files.readString(applied.backup().orElseThrow()),
                "the backup is the file as it was, comments included");
        KrConfig c = load();
        assertEquals(tuned, c.routing().profile("default").orElseThrow().localWhen());
        assertEquals(
                List.of(new LocalRule(0.9, 2)),
                c.routing().profile("mine").orElseThrow().localWhen());
        assertEquals(9123, c.server().port());
        assertEquals(4, c.routing().contextK());
        assertTrue(
                Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                "no temporary file is left");
    }

    @Test
    void theConfigFileKeepsItsPermissions() throws Exception {
        assumeTrue(FileModes.posix(dir), "permissions are POSIX only");
        Path file = dir.resolve("kr.yaml");
        Files.writeString(file, "server:\n  port: 9123\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        ThresholdsFile.apply(file, "default", tuned, clock);
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(tuned, load().routing().profile("default").orElseThrow().localWhen());
    }

    @Test
    void withoutAConfigFileOneIsCreatedHoldingOnlyTheProfile() {
        Path file = dir.resolve("kr.yaml");
        ThresholdsFile.Applied applied = ThresholdsFile.apply(file, "casual", tuned, clock);
        assertEquals(Optional.empty(), applied.backup());
        assertEquals(tuned, load().routing().profile("casual").orElseThrow().localWhen());
    }

    @Test
    void aConfigWhoseRoutingIsNotAMappingIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("kr.yaml");
        Files.writeString(file, "routing: fast\n");
        ConfigException e =
                assertThrows(ConfigException.class, () -> ThresholdsFile.apply(file, "default", tuned, clock));
        assertTrue(e.getMessage().contains("'routing' is not a mapping"), e.getMessage());
        assertEquals("routing: fast\n", Files.readString(file));
    }
}
