package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's keep_local and remote task types, read from kr.yaml. */
class ProfileTaskPolicyTest {
    @TempDir
    Path dir;

    RoutingProfile profile(String yaml, String name) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, Map.of()).load().routing().profile(name).orElseThrow();
    }

    static String casual(String taskLines) {
        return "routing:\n  profiles:\n    casual:\n      local_when: []\n" + taskLines;
    }

    @Test
    void bothListsAreReadAndReplaceTheShippedOnes() throws IOException {
        RoutingProfile p = profile(casual("      keep_local: [docstring, test]\n      remote: [review]\n"), "casual");
        assertEquals(Set.of("docstring", "test"), p.tasks().keepLocal());
        assertEquals(Set.of("review"), p.tasks().remote());
        assertEquals(Optional.of("local"), p.tasks().placement("test"));
        assertEquals(Optional.of("remote"), p.tasks().placement("review"));
        assertEquals(Optional.empty(), p.tasks().placement("architecture"), "no longer remote");
    }

    @Test
    void taskTypesAreMatchedWhateverTheirCase() throws IOException {
        RoutingProfile p = profile(casual("      keep_local: [Docstring]\n"), "casual");
        assertEquals(Optional.of("local"), p.tasks().placement("DOCSTRING"));
    }

    @Test
    void aProfileWithoutEitherListKeepsTheShippedPolicy() throws IOException {
        assertEquals(TaskPolicy.DEFAULTS, profile(casual(""), "casual").tasks());
        assertEquals(
                TaskPolicy.DEFAULTS,
                profile(
                                "routing:\n  profiles:\n    casual:\n      - {relevance_above: 0.7, complexity_below: 5}\n",
                                "casual")
                        .tasks());
    }

    @Test
    void aTypeMovedToOneListLeavesTheOthersDefault() throws IOException {
        RoutingProfile p = profile(casual("      remote: [explain]\n"), "casual");
        assertEquals(Set.of("explain"), p.tasks().remote());
        assertEquals(Set.of("docstring", "boilerplate", "snippet"), p.tasks().keepLocal());
    }

    @Test
    void emptyListsRouteEveryTaskTypeOnRelevanceAndComplexity() throws IOException {
        RoutingProfile p = profile(casual("      keep_local: []\n      remote: []\n"), "casual");
        assertEquals(TaskPolicy.NONE, p.tasks());
    }

    @Test
    void aMisspeltKeyIsRefusedNamingItAndTheKnownKeys() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> profile(casual("      keep_locally: [docstring]\n"), "casual"));
        assertTrue(
                e.getMessage().startsWith("kr.yaml: routing.profiles.casual.keep_locally is not a known key"),
                e.getMessage());
        assertTrue(e.getMessage().contains("keep_local, remote"), e.getMessage());
    }

    @Test
    void aTypeInBothListsIsRefusedNamingTheTypeAndTheProfile() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> profile(casual("      keep_local: [docstring, review]\n      remote: [review]\n"), "casual"));
        assertEquals(
                "kr.yaml: routing.profiles.casual task types [review] are listed under both keep_local and remote;"
                        + " keep each under one",
                e.getMessage());
    }

    @Test
    void aListWrittenAsOneWordIsRefusedWithAnExample() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> profile(casual("      remote: security\n"), "casual"));
        assertEquals(
                "kr.yaml: routing.profiles.casual.remote must be a list, e.g. [architecture, security]",
                e.getMessage());
    }
}
