package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.lucene.VectorFormat;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void generatedVectorsAreUnitLengthAndTheSameOnEveryCall() {
        SyntheticVectors a = new SyntheticVectors(ScaleBenchmark.DIMS, 1_000_000);
        SyntheticVectors b = new SyntheticVectors(ScaleBenchmark.DIMS, 1_000_000);

        float[] v = a.entry(12_345);

        assertEquals(384, v.length);
        assertArrayEquals(b.entry(12_345), v);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-4);
        assertFalse(Arrays.equals(a.query(3), a.entry(3)), "queries are not stored vectors");
    }

    @Test
    void aFloatIndexFindsNearlyEveryTrueNeighbourAndReportsItsMemory() {
        ScaleBenchmark bench = new ScaleBenchmark(dir.resolve("float"), VectorFormat.FLOAT, 3_000);
        bench.fill(Progress.NONE);

        ScaleBenchResult r = bench.measure(50, 10, 50, 0, Progress.NONE);

        assertEquals(3_000, r.entries());
        assertTrue(r.recall() >= 0.9, "recall " + r.recall());
        assertTrue(r.heapUsedMb() > 0, "heap " + r.heapUsedMb());
        assertTrue(r.indexMb() > 0, "index " + r.indexMb());
    }

    @Test
    void anInt8IndexIsSearchedAndRescoringItsCandidatesKeepsRecall() {
        ScaleBenchmark bench = new ScaleBenchmark(dir.resolve("int8"), VectorFormat.INT8, 3_000);
        bench.fill(Progress.NONE);

        ScaleBenchResult r = bench.measure(50, 10, 50, 0, Progress.NONE);

        assertEquals("int8", r.format());
        assertTrue(r.rescoredRecall() >= 0.9, "rescored recall " + r.rescoredRecall());
    }

    @Test
    void anIndexConvertedFromAFullFloatIndexHoldsTheSameVectorsInTheNewFormat() {
        new ScaleBenchmark(dir.resolve("float"), VectorFormat.FLOAT, 3_000).fill(Progress.NONE);
        ScaleBenchmark int8 = new ScaleBenchmark(dir.resolve("int8"), VectorFormat.INT8, 3_000);

        assertTrue(int8.convert(dir.resolve("float"), Progress.NONE) > 0);
        ScaleBenchResult r = int8.measure(50, 10, 50, 0, Progress.NONE);

        assertEquals(3_000, r.entries());
        assertTrue(r.rescoredRecall() >= 0.9, "rescored recall " + r.rescoredRecall());
        assertTrue(
                r.indexMb()
                        > new ScaleBenchmark(dir.resolve("float"), VectorFormat.FLOAT, 3_000)
                                .measure(5, 10, 50, 0, Progress.NONE)
                                .indexMb(),
                "the int8 index keeps a quantized copy beside the floats");
    }

    @Test
    void convertingAnIndexOfAnotherSizeIsRefused() {
        new ScaleBenchmark(dir.resolve("float"), VectorFormat.FLOAT, 500).fill(Progress.NONE);
        ScaleBenchmark int8 = new ScaleBenchmark(dir.resolve("int8"), VectorFormat.INT8, 3_000);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> int8.convert(dir.resolve("float"), Progress.NONE));

        assertTrue(e.getMessage().contains("holds 500 vectors, not 3000"), e.getMessage());
    }

    @Test
    void aSecondFillOfTheSameSizeAddsNothing() {
        ScaleBenchmark bench = new ScaleBenchmark(dir.resolve("again"), VectorFormat.FLOAT, 500);
        bench.fill(Progress.NONE);

        assertEquals(0.0, bench.fill(Progress.NONE));
    }

    @Test
    void recallIsTheShareOfTrueNeighboursFound() {
        int[][] exact = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        int[][] found = {{4, 3, 2, 1}, {5, 6, 9, 10}};

        assertEquals(0.75, ScaleBenchmark.recall(found, exact, 4));
    }
}
