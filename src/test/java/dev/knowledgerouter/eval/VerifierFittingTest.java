package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.verify.VerifierWeights;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fitting the shipped weights: on every answer, dated by the clock, with where they came from. */
class VerifierFittingTest {
    @Test
    void theWeightsRecordTheirSampleDateAndSourceAndLearnFromTheAnswers(@TempDir Path dir) {
        List<RouteLlmData.Row> rows =
                RouteLlmData.read(List.of(GeneratedRouteLlm.write(dir.resolve("gen.csv"), 40, 9)));
        VerifierWeights w = new VerifierFitting(new MutableClock(Instant.parse("2026-12-01T10:00:00Z")))
                .fit(rows, "gen.csv", Progress.NONE);
        assertEquals(120, w.sampleSize());
        assertEquals(LocalDate.of(2026, 12, 1), w.fitDate());
        assertEquals("gen.csv", w.fittedOn());
        assertEquals(VerifierFitting.PENALTY, w.penalty());
        VerifierWeights.Term wrong = w.features().stream()
                .filter(t -> t.name().equals("arithmetic_wrong_log"))
                .findFirst()
                .orElseThrow();
        assertEquals(VerifierWeights.FITTED, wrong.source());
        assertTrue(wrong.weight() > 0, "the wrong sums are the wrong answers here: " + wrong.weight());
    }
}
