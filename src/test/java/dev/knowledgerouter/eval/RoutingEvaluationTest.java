package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gain model and the evaluation around it, on synthetic prompts whose outcomes follow known
 * rules: short sums both models get right, multi-step money problems only the strong model gets
 * right, and unanswerable trivia both get wrong. Escalation pays only on the second kind.
 */
class RoutingEvaluationTest {
    private static final String[] NAMES = {"Ava", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jade"
    };

    static String easy(Random r) {
        return "What is " + (1 + r.nextInt(20)) + " plus " + (1 + r.nextInt(20)) + "?";
    }

    static String multiStep(Random r) {
        String who = NAMES[r.nextInt(NAMES.length)];
        return who + " buys " + (10 + r.nextInt(90)) + " notebooks at $" + (1 + r.nextInt(9)) + "."
                + (10 + r.nextInt(89))
                + " each with a " + (5 + r.nextInt(30)) + "% discount, then pays " + (3 + r.nextInt(10)) + "% tax. "
                + "Half of the notebooks are resold for $" + (2 + r.nextInt(8)) + " each. How much money does " + who
                + " make or lose in total?";
    }

    static String unanswerable(Random r) {
        return "Which secret number did the oracle whisper to " + NAMES[r.nextInt(NAMES.length)] + " in a dream?";
    }

    static List<RouteLlmData.Row> rows(int perKind, long seed) {
        Random r = new Random(seed);
        List<RouteLlmData.Row> rows = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            rows.add(new RouteLlmData.Row(easy(r), true, true));
            rows.add(new RouteLlmData.Row(multiStep(r), r.nextDouble() < 0.15, true));
            rows.add(new RouteLlmData.Row(unanswerable(r), false, r.nextDouble() < 0.1));
        }
        return rows;
    }

    @Test
    void theGainModelRanksWhatOnlyTheRemoteModelSolvesAboveWhatNeitherSolves() {
        Embedder embedder = TestStack.embedder();
        List<RouteLlmData.Row> train = rows(30, 1);
        List<float[]> vectors =
                embedder.embedAll(train.stream().map(RouteLlmData.Row::prompt).toList(), Embedder.Purpose.QUERY);
        List<GainModel.Example> examples = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            examples.add(new GainModel.Example(
                    vectors.get(i),
                    train.get(i).prompt(),
                    train.get(i).weakCorrect(),
                    train.get(i).strongCorrect()));
        }
        GainModel model = GainModel.train(examples);

        Random unseen = new Random(99);
        String gap = multiStep(unseen);
        String neither = unanswerable(unseen);
        String both = easy(unseen);
        List<float[]> v = embedder.embedAll(List.of(gap, neither, both), Embedder.Purpose.QUERY);
        double gapGain = model.gain(v.get(0), gap);
        assertTrue(
                gapGain > model.gain(v.get(1), neither) + 0.2,
                "gap " + gapGain + " neither " + model.gain(v.get(1), neither));
        assertTrue(
                gapGain > model.gain(v.get(2), both) + 0.2, "gap " + gapGain + " both " + model.gain(v.get(2), both));
        assertTrue(
                model.localSuccess(v.get(2), both) > model.localSuccess(v.get(0), gap) + 0.2,
                "the local model solves the sums, not the money problems");
    }

    @Test
    void heldOutPromptsAreRoutedByTheGainTheHistoryTeaches(@TempDir Path dir) {
        RoutingEvalResult r = new RoutingEvaluation(TestStack.embedder(), dir.resolve("work"), 10)
                .run(rows(40, 2), 0.5, 3, Progress.NONE);
        assertEquals(60, r.trainPrompts());
        assertEquals(60, r.testPrompts());
        // A perfect router on this mix scores about 0.8 (the gap prompts are about 3 in 10);
        // a router blind to the gap scores 0.5.
        assertTrue(r.apgr() > 0.7, "APGR " + r.apgr());
        assertTrue(r.cpt80() < 0.5, "CPT(80%) " + r.cpt80());
    }

    @Test
    void aSplitThatLeavesTooFewTestPromptsIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RoutingEvaluation(TestStack.embedder(), dir, 10).run(rows(4, 1), 0.5, 1, Progress.NONE));
        assertTrue(e.getMessage().contains("too few prompts"), e.getMessage());
    }
}
