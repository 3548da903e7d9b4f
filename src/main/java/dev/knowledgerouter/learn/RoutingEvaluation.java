package dev.knowledgerouter.learn;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.LuceneKnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Offline routing evaluation on RouteLLM data through the production store and embedder. The
 * training split is stored as interaction history, and its outcomes are the two models'
 * correctness. Each test prompt is scored by its nearest stored prompts: the similarity-weighted
 * share of them where only the strong model was right, since escalation pays exactly there.
 * Prompt length is blended in, with a weight chosen on the training split alone (each training
 * prompt scored by its neighbours other than itself).
 */
public final class RoutingEvaluation {
    private static final int BATCH = 64;

    private final Embedder embedder;
    private final Path workDir;
    private final int k;

    public RoutingEvaluation(Embedder embedder, Path workDir, int k) {
        this.embedder = embedder;
        this.workDir = workDir;
        this.k = k;
    }

    public RoutingEvalResult run(List<RouteLlmData.Row> all, double trainFraction, long seed, Progress progress) {
        if (trainFraction <= 0 || trainFraction >= 1) {
            throw new IllegalArgumentException("--train-fraction must be between 0 and 1 (exclusive), got " + trainFraction);
        }
        List<RouteLlmData.Row> rows = new ArrayList<>(all);
        Collections.shuffle(rows, new Random(seed));
        int cut = (int) Math.round(rows.size() * trainFraction);
        List<RouteLlmData.Row> train = rows.subList(0, cut);
        List<RouteLlmData.Row> test = rows.subList(cut, rows.size());
        if (train.isEmpty() || test.size() < 10) {
            throw new IllegalArgumentException("too few prompts for a split: " + train.size() + " to train on, " + test.size() + " to test");
        }
        CollectionDefinition history = new CollectionDefinition("routing-eval", "routing evaluation history", CollectionKind.HISTORY,
                List.of("query"), "query", "query");
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(workDir, EmbedderIdentity.of(embedder))) {
            store.open(history);
            List<float[]> trainVectors = embed(train, "embed training prompts", progress);
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                RouteLlmData.Row r = train.get(i);
                entries.add(new Entry("t" + i, Map.of("query", r.prompt(), "weak_correct", r.weakCorrect(), "strong_correct", r.strongCorrect()),
                        trainVectors.get(i), Instant.EPOCH));
            }
            store.upsert(history.name(), entries);
            store.compact(history.name());
            double prior = train.stream().filter(RoutingEvaluation::gap).count() / (double) train.size();

            double[] trainGap = new double[train.size()];
            for (int i = 0; i < train.size(); i++) {
                trainGap[i] = gapEstimate(store, history, trainVectors.get(i), "t" + i, prior);
            }
            double[] trainLength = lengths(train);
            double bestWeight = 0;
            double bestApgr = -1;
            for (int w = 0; w <= 10; w++) {
                double apgr = RouterQuality.of(train, blend(trainGap, trainLength, w / 10.0)).apgr();
                if (apgr > bestApgr) {
                    bestApgr = apgr;
                    bestWeight = w / 10.0;
                }
            }

            List<float[]> testVectors = embed(test, "score test prompts", progress);
            double[] testGap = new double[test.size()];
            for (int i = 0; i < test.size(); i++) {
                testGap[i] = gapEstimate(store, history, testVectors.get(i), null, prior);
            }
            double[] testLength = lengths(test);
            RouterQuality chosen = RouterQuality.of(test, blend(testGap, testLength, bestWeight));
            return new RoutingEvalResult(round(chosen.apgr()), round(chosen.cpt50()), round(chosen.cpt80()), 0.5, test.size(), train.size(),
                    bestWeight, round(RouterQuality.of(test, blend(testGap, testLength, 0)).apgr()),
                    round(RouterQuality.of(test, blend(testGap, testLength, 1)).apgr()), seed);
        }
    }

    private static boolean gap(RouteLlmData.Row r) {
        return r.strongCorrect() && !r.weakCorrect();
    }

    /** Similarity-weighted share of neighbours where only the strong model was right, smoothed toward the prior. */
    private double gapEstimate(LuceneKnowledgeStore store, CollectionDefinition history, float[] vector, String self, double prior) {
        List<SearchHit> hits = store.search(SearchRequest.of(history.name(), vector, k + 1));
        double weight = 1.0;
        double sum = prior;
        int used = 0;
        for (SearchHit h : hits) {
            if (h.id().equals(self) || used == k) {
                continue;
            }
            used++;
            double w = Math.max(0, h.score());
            boolean onlyStrong = Boolean.TRUE.equals(h.payload().get("strong_correct")) && !Boolean.TRUE.equals(h.payload().get("weak_correct"));
            sum += w * (onlyStrong ? 1 : 0);
            weight += w;
        }
        return sum / weight;
    }

    private List<float[]> embed(List<RouteLlmData.Row> rows, String label, Progress progress) {
        progress.start(label, rows.size());
        List<float[]> out = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<RouteLlmData.Row> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            out.addAll(embedder.embedAll(batch.stream().map(RouteLlmData.Row::prompt).toList(), Embedder.Purpose.QUERY));
            progress.advance(batch.size());
        }
        progress.done();
        return out;
    }

    private static double[] lengths(List<RouteLlmData.Row> rows) {
        return rows.stream().mapToDouble(r -> r.prompt().strip().split("\\s+").length).toArray();
    }

    /** {@code (1 - w) * rank(gap) + w * rank(length)}, ranks as percentiles within the set. */
    static double[] blend(double[] gap, double[] length, double lengthWeight) {
        double[] a = percentiles(gap);
        double[] b = percentiles(length);
        double[] out = new double[gap.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - lengthWeight) * a[i] + lengthWeight * b[i];
        }
        return out;
    }

    private static double[] percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int lo = Arrays.binarySearch(sorted, values[i]);
            while (lo > 0 && sorted[lo - 1] == values[i]) {
                lo--;
            }
            int hi = lo;
            while (hi + 1 < sorted.length && sorted[hi + 1] == values[i]) {
                hi++;
            }
            out[i] = (lo + hi) / 2.0 / Math.max(1, sorted.length - 1);
        }
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
