package dev.knowledgerouter.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.knowledge.JsonLines;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Measures where the relevance thresholds of the routing profiles should sit for the configured
 * embedder: runs labelled queries through retrieval and finds, for target precisions, the lowest
 * threshold at which "best score above t" means "the knowledge base holds the answer".
 */
public final class Calibration {
    /** Precision targets for the three tiers of the default profile (hardest queries need the surest match). */
    public static final List<Double> TARGETS = List.of(0.95, 0.90, 0.85);

    private static final double STEP = 0.01;
    /** The reuse bars reported: from where reuse would be reckless to where it would never happen. */
    private static final double FIRST_REUSE_BAR = 0.85;

    private static final double LAST_REUSE_BAR = 0.95;

    /** A query's best hit by cosine, as direct reuse would take it. */
    private record Reusable(String query, String reference, double score, boolean right) {}

    private final Function<String, List<SearchHit>> retrieve;

    /** @param retrieve the production retrieval: best hits across the knowledge collections, best first */
    public Calibration(Function<String, List<SearchHit>> retrieve) {
        this.retrieve = retrieve;
    }

    public static List<CalibrationQuery> read(Path file) {
        List<CalibrationQuery> out = new ArrayList<>();
        try {
            JsonLines.read(file, (n, node, error) -> {
                if (error != null) {
                    throw new IllegalArgumentException(file + ":" + n + ": " + error);
                }
                if (!node.path("query").isTextual()
                        || node.path("query").asText().isBlank()) {
                    throw new IllegalArgumentException(file + ":" + n + ": missing \"query\"");
                }
                JsonNode expect = node.path("expect");
                out.add(new CalibrationQuery(
                        node.path("query").asText(),
                        expect.isTextual() ? Optional.of(expect.asText()) : Optional.empty(),
                        node.path("kind").asText("")));
            });
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no queries");
        }
        return out;
    }

    public CalibrationReport run(String embedderId, List<CalibrationQuery> queries, Progress progress) {
        List<Double> right = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        int answerable = 0;
        int hit1 = 0;
        int hit5 = 0;
        List<Reusable> reusable = new ArrayList<>();
        progress.start("calibrate", queries.size());
        for (CalibrationQuery q : queries) {
            List<SearchHit> hits = retrieve.apply(q.query());
            double top = hits.isEmpty() ? -1 : hits.getFirst().score();
            hits.stream().max(Comparator.comparingDouble(SearchHit::score)).ifPresent(best -> {
                String ref = best.collection() + "/" + best.id();
                reusable.add(new Reusable(
                        q.query(),
                        ref,
                        best.score(),
                        q.expect().map(ref::equals).orElse(false)));
            });
            if (q.expect().isPresent()) {
                answerable++;
                List<String> refs = hits.stream()
                        .limit(5)
                        .map(h -> h.collection() + "/" + h.id())
                        .toList();
                boolean first =
                        !refs.isEmpty() && refs.getFirst().equals(q.expect().get());
                hit1 += first ? 1 : 0;
                hit5 += refs.contains(q.expect().get()) ? 1 : 0;
                (first ? right : wrong).add(top);
            } else {
                wrong.add(top);
            }
            progress.advance(1);
        }
        progress.done();
        List<CalibrationReport.Point> curve = new ArrayList<>();
        for (double t = 0.50; t <= 0.951; t += STEP) {
            double threshold = Math.round(t * 100) / 100.0;
            long r = right.stream().filter(s -> s > threshold).count();
            long w = wrong.stream().filter(s -> s > threshold).count();
            curve.add(new CalibrationReport.Point(
                    threshold,
                    (int) (r + w),
                    r + w == 0 ? 1.0 : round((double) r / (r + w)),
                    right.isEmpty() ? 0 : round((double) r / right.size())));
        }
        List<CalibrationReport.Recommendation> recommended = new ArrayList<>();
        for (double target : TARGETS) {
            curve.stream()
                    .filter(p -> p.precision() >= target && p.above() > 0)
                    .findFirst()
                    .ifPresent(p -> recommended.add(
                            new CalibrationReport.Recommendation(target, p.threshold(), p.precision(), p.recall())));
        }
        return new CalibrationReport(
                embedderId,
                queries.size(),
                answerable,
                round(ratio(hit1, answerable)),
                round(ratio(hit5, answerable)),
                distribution(right),
                distribution(wrong),
                curve,
                recommended,
                reuse(reusable));
    }

    private static List<CalibrationReport.ReusePoint> reuse(List<Reusable> reusable) {
        List<CalibrationReport.ReusePoint> points = new ArrayList<>();
        for (double b = FIRST_REUSE_BAR; b <= LAST_REUSE_BAR + 1e-9; b += STEP) {
            double bar = Math.round(b * 100) / 100.0;
            List<Reusable> reused =
                    reusable.stream().filter(r -> r.score() >= bar).toList();
            List<String> wrong = reused.stream()
                    .filter(r -> !r.right())
                    .map(r -> r.query() + " -> " + r.reference())
                    .toList();
            points.add(new CalibrationReport.ReusePoint(
                    bar, reused.size(), wrong.size(), round(ratio(wrong.size(), reused.size())), wrong));
        }
        return points;
    }

    private static CalibrationReport.Distribution distribution(List<Double> scores) {
        if (scores.isEmpty()) {
            return new CalibrationReport.Distribution(0, 0, 0, 0, 0, 0);
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new CalibrationReport.Distribution(
                s.length,
                round(Percentile.nearestRank(s, 10)),
                round(Percentile.nearestRank(s, 50)),
                round(Percentile.nearestRank(s, 90)),
                round(s[0]),
                round(s[s.length - 1]));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
