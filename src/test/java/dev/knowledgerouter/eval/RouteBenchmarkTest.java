package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kr bench route` fills the store to the size asked for, then measures the decisions it was told to after warming up. */
class RouteBenchmarkTest {
    @TempDir
    Path home;

    @Test
    void fillsToTheAskedSizeAndMeasuresTheAskedNumberOfDecisions() {
        try (App app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC())) {
            RouteBenchmark benchmark = new RouteBenchmark(app);
            long seeded = benchmark.knowledgeCount();

            benchmark.fill(seeded + 12, Progress.NONE);
            RouteBenchResult r = benchmark.measure(3, 7, 0, Progress.NONE);

            assertEquals(seeded + 12, benchmark.knowledgeCount());
            assertEquals(7, r.queries());
            assertEquals(seeded + 12, r.entries());
            assertTrue(r.embedP50Ms() > 0 && r.p50Ms() > 0, "both timed");
            assertEquals(Math.round(r.p50Ms() / r.embedP50Ms() * 1000) / 1000.0, r.overheadRatio(), 1e-9);
        }
    }
}
