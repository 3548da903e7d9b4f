package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.verify.EscalationThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline cascade evaluation on a generated CSV whose weak answers show their mistakes (not timed). */
class CascadeEvaluationTest {
    @TempDir
    Path dir;

    private List<RouteLlmData.Row> rows(int perKind) {
        return RouteLlmData.read(List.of(GeneratedRouteLlm.write(dir.resolve("gen.csv"), perKind, 5)));
    }

    private CascadeEvaluation evaluation() {
        return new CascadeEvaluation(
                TestStack.embedder(), dir.resolve("work"), 10, VerifierFitting.PENALTY, EscalationThresholds.DEFAULTS);
    }

    @Test
    void theCascadeEscalatesTheAnswersThatShowTheirMistakesFirst() {
        CascadeReport r = evaluation().run(rows(60), 0.5, List.of(1L, 2L), RoutingPolicy.CASCADE, Progress.NONE);
        assertEquals(2, r.seeds().size());
        // The visibly wrong answers are the only ones escalation fixes (a third of the prompts): a router that
        // sends them first scores about 0.83; one blind to them about 0.5.
        assertTrue(
                r.mean().cascade().apgr() > 0.75,
                "cascade APGR " + r.mean().cascade().apgr());
        assertTrue(
                r.mean().cascade().cpt80() < 0.45,
                "CPT(80%) " + r.mean().cascade().cpt80());
        assertTrue(
                Math.abs(r.mean().random().apgr() - 0.5) < 0.2,
                "random APGR " + r.mean().random().apgr());
        assertNull(r.mean().pre());
        assertNull(r.seeds().getFirst().combined());
    }

    @Test
    void bothPoliciesAreMeasuredOnTheSameSplitWithTheirCombination() {
        CascadeReport r = evaluation().run(rows(30), 0.5, List.of(3L), RoutingPolicy.BOTH, Progress.NONE);
        SeedResult s = r.seeds().getFirst();
        assertEquals(45, s.trainPrompts());
        assertEquals(45, s.testPrompts());
        assertNotNull(s.pre());
        assertNotNull(s.cascade());
        assertNotNull(s.combined());
        assertEquals(Combination.DESCRIPTION, r.combination());
    }

    @Test
    void aLowerThresholdEscalatesAtLeastAsManyAnswers() {
        SeedResult s = evaluation()
                .run(rows(60), 0.5, List.of(4L), RoutingPolicy.CASCADE, Progress.NONE)
                .seeds()
                .getFirst();
        double critical = share(s, "critical");
        double normal = share(s, "default");
        double casual = share(s, "casual");
        assertTrue(critical >= normal && normal >= casual, critical + " " + normal + " " + casual);
    }

    @Test
    void dataWithoutTheWeakModelsAnswersIsRefusedWithTheColumnItNeeds() throws IOException {
        Path csv = Files.writeString(dir.resolve("plain.csv"), "prompt,weak,strong\n" + "q,True,False\n".repeat(30));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> evaluation()
                        .run(RouteLlmData.read(List.of(csv)), 0.5, List.of(1L), RoutingPolicy.CASCADE, Progress.NONE));
        assertTrue(e.getMessage().contains("'<weak model>_response'"), e.getMessage());
    }

    @Test
    void gradedCorrectnessIsAveragedIntoTheQualities() throws IOException {
        String csv = Files.readString(GeneratedRouteLlm.write(dir.resolve("g.csv"), 60, 6))
                .replace(",True,", ",0.9,")
                .replace(",False,", ",0.1,");
        Path graded = Files.writeString(dir.resolve("graded.csv"), csv);
        CascadeReport r = evaluation()
                .run(RouteLlmData.read(List.of(graded)), 0.5, List.of(1L), RoutingPolicy.CASCADE, Progress.NONE);
        assertTrue(r.weakQuality() > 0.1 && r.weakQuality() < 0.9, "weak quality " + r.weakQuality());
        assertTrue(
                r.mean().cascade().apgr() > 0.6,
                "cascade APGR " + r.mean().cascade().apgr());
    }

    private static double share(SeedResult s, String profile) {
        return s.thresholds().stream()
                .filter(t -> t.profile().equals(profile))
                .findFirst()
                .orElseThrow()
                .escalated();
    }
}
