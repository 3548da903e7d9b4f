package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr bench parse} on the Java fixture: the counts of the parse phase of {@code kr analyze}, per step times,
 * JSON alone on stdout, and no store. The times depend on the machine, so only their presence is asserted.
 */
class ParseBenchCliTest {
    private static final String FIXTURE =
            Path.of("src/test/resources/code/fixtures/java").toAbsolutePath().toString();

    @TempDir
    Path home;

    private CliTest.Run kr(String... args) {
        return new CliTest().kr(TestStack.config(home), args);
    }

    @Test
    void jsonReportsTheFixturesFilesByLanguageNodesAndEdges() {
        CliTest.Run r = kr("bench", "parse", "--json", FIXTURE);

        assertEquals(0, r.exit(), r.err());
        JsonNode first = r.json().path("first");
        assertEquals(8, first.path("files").asInt());
        assertEquals(8, first.path("files_by_language").path("java").asInt());
        assertEquals(1, first.path("files_by_language").size(), first.toString());
        assertEquals(41, first.path("nodes").asInt());
        assertEquals(54, first.path("edges").asInt());
        for (String phase : new String[] {"scan_seconds", "parse_seconds", "graph_seconds", "validate_seconds"}) {
            assertTrue(first.path(phase).isNumber(), phase + " in " + first);
        }
        for (String field : new String[] {
            "jvm_to_main_seconds",
            "cli_setup_seconds",
            "total_seconds",
            "files_per_second",
            "files_per_second_with_startup",
            "peak_heap_mb"
        }) {
            assertTrue(r.json().path(field).isNumber(), field + " in " + r.out());
        }
        assertTrue(r.err().contains("parse"), "progress goes to stderr: " + r.err());
    }

    @Test
    void theCountsAreThoseKrAnalyzeFindsInTheSameTree() {
        CliTest.Run analyze = kr("analyze", "--json", FIXTURE);
        assertEquals(0, analyze.exit(), analyze.err());
        int nodes = 0;
        for (JsonNode n : analyze.json().path("nodes_by_type")) {
            nodes += n.asInt();
        }
        int edges = 0;
        for (JsonNode n : analyze.json().path("edges_by_type")) {
            edges += n.asInt();
        }

        CliTest.Run bench = kr("bench", "parse", "--json", FIXTURE);

        assertEquals(0, bench.exit(), bench.err());
        JsonNode first = bench.json().path("first");
        assertEquals(analyze.json().path("files").asInt(), first.path("files").asInt());
        assertEquals(nodes, first.path("nodes").asInt());
        assertEquals(edges, first.path("edges").asInt());
    }

    @Test
    void roundsRepeatTheWholePassAndTheBestIsOneOfThem() {
        CliTest.Run r = kr("bench", "parse", "--json", "--rounds", "3", "--threads", "1", FIXTURE);

        assertEquals(0, r.exit(), r.err());
        JsonNode json = r.json();
        assertEquals(3, json.path("rounds").size());
        assertEquals(1, json.path("threads").asInt());
        for (JsonNode round : json.path("rounds")) {
            assertEquals(41, round.path("nodes").asInt());
            assertEquals(54, round.path("edges").asInt());
        }
        assertEquals(1, json.path("first").path("round").asInt());
        int best = json.path("best").path("round").asInt();
        assertTrue(best >= 1 && best <= 3, json.toString());
    }

    @Test
    void humanOutputNamesEveryStepAndTheStartUp() {
        CliTest.Run r = kr("bench", "parse", FIXTURE);

        assertEquals(0, r.exit(), r.err());
        for (String expected : new String[] {
            "8 files",
            "languages  java 8",
            "41 nodes, 54 edges",
            "JVM to main",
            "CLI set-up",
            "scan ",
            "parse ",
            "graph ",
            "validate ",
            "files/s with start-up",
            "peak heap"
        }) {
            assertTrue(r.out().contains(expected), () -> "missing '" + expected + "' in\n" + r.out());
        }
    }

    @Test
    void opensNoStoreAndWritesNothingUnderTheHome() throws Exception {
        assertEquals(0, kr("bench", "parse", FIXTURE).exit());

        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.toList(), "no store, graph or state under KR_HOME");
        }
    }

    @Test
    void aMissingPathIsRefusedWithAMessage() {
        CliTest.Run r = kr("bench", "parse", home.resolve("no-such-repo").toString());

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no such directory"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aFileInsteadOfADirectoryIsRefusedWithAMessage() throws Exception {
        Path file = Files.writeString(home.resolve("notes.txt"), "not a repository");

        CliTest.Run r = kr("bench", "parse", file.toString());

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("is not a directory"), r.err());
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        CliTest.Run r = kr("bench", "parse", "--threads", "0", FIXTURE);

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--threads must be 1 or more"), r.err());
    }
}
