package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr bench first-token} runs end to end on a few requests: its own wire server, a seeded store and
 * a router on a real port, JSON alone on stdout. The numbers depend on the machine, so only their presence
 * and shape are asserted.
 */
class FirstTokenBenchCliTest {
    @TempDir
    Path home;

    @Test
    void aShortRunPrintsDirectRouterAndOverheadPercentilesAsJsonAndLeavesNoStoreBehind() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> TestStack.config(home),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int exit = Main.run(ctx, "bench", "first-token", "--requests", "3", "--json");

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(3, r.path("requests").asInt());
        assertTrue(r.path("first_token_delay_ms").asLong() > 0, r.toString());
        for (String series : List.of("direct", "router", "overhead", "route_decided")) {
            for (String field : List.of("p50_ms", "p95_ms", "p99_ms", "max_ms")) {
                assertTrue(r.path(series).path(field).isNumber(), series + "." + field + " in " + r);
            }
        }
        try (var left = Files.list(home.resolve("bench"))) {
            assertFalse(left.findAny().isPresent(), "the temporary store is removed");
        }
    }

    @Test
    void withDistinctQuestionsItSaysSoAndReportsWhereTheTimeToTheRouteWent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> TestStack.config(home),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int exit = Main.run(ctx, "bench", "first-token", "--requests", "3", "--distinct", "--json");

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(r.path("distinct_questions").asBoolean(), r.toString());
        for (String phase : List.of("parse", "embed", "search", "decide", "context")) {
            assertTrue(r.path("route_phases").path(phase).path("p50_ms").isNumber(), phase + " in " + r);
        }
    }
}
