package dev.knowledgerouter.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * RouteLLM's quality metrics for a router that sends the highest-scoring fraction c of prompts to
 * the strong model (arXiv 2406.18665): PGR(c) = (quality(c) - weak) / (strong - weak), APGR its area
 * over c in [0, 1], CPT(x) the smallest c reaching PGR x. Quality is the mean per-prompt score of
 * the answer each prompt gets (correctness as 1 or 0, or a graded score).
 */
public record RouterQuality(double apgr, double cpt50, double cpt80) {

    public static RouterQuality of(List<RouteLlmData.Row> prompts, double[] strongScores) {
        int n = prompts.size();
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> strongScores[i]).reversed());
        double weakAll =
                prompts.stream().mapToDouble(RouteLlmData.Row::weakScore).sum();
        double strongAll =
                prompts.stream().mapToDouble(RouteLlmData.Row::strongScore).sum();
        double span = strongAll - weakAll;
        double correct = weakAll;
        double[] pgr = new double[n + 1];
        pgr[0] = 0;
        for (int j = 1; j <= n; j++) {
            RouteLlmData.Row r = prompts.get(order[j - 1]);
            correct += r.strongScore() - r.weakScore();
            pgr[j] = span == 0 ? 0 : (correct - weakAll) / span;
        }
        double area = 0;
        for (int j = 1; j <= n; j++) {
            area += (pgr[j - 1] + pgr[j]) / 2.0 / n;
        }
        return new RouterQuality(area, cpt(pgr, 0.5), cpt(pgr, 0.8));
    }

    private static double cpt(double[] pgr, double target) {
        for (int j = 0; j < pgr.length; j++) {
            if (pgr[j] >= target) {
                return (double) j / (pgr.length - 1);
            }
        }
        return 1.0;
    }
}
