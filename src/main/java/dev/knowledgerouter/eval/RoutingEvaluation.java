package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.learn.PromptFeatures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Offline routing evaluation on RouteLLM data through the production store and embedder. The
 * training split is stored as interaction history, and its outcomes are the two models'
 * correctness. A {@link GainModel} is trained on that history as the store holds it (its vectors
 * and outcomes), and each test prompt is scored by the gain it predicts for escalating. The
 * neighbour estimate (the similarity-weighted share of the nearest stored prompts on which only
 * the strong model was right) and prompt length alone are measured beside it, for reference.
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

    /** The shuffled split every routing evaluation of one seed shares: the first part trains, the rest is scored. */
    public record Split(List<RouteLlmData.Row> train, List<RouteLlmData.Row> test) {}

    /**
     * Per test prompt, in the order of {@link Split#test()}: the gain model's score, its estimate that
     * the remote model answers right, and the two reference scores.
     */
    public record Scores(double[] gain, double[] remote, double[] neighbours, double[] length) {}

    public static Split split(List<RouteLlmData.Row> all, double trainFraction, long seed) {
        if (trainFraction <= 0 || trainFraction >= 1) {
            throw new IllegalArgumentException(
                    "--train-fraction must be between 0 and 1 (exclusive), got " + trainFraction);
        }
        List<RouteLlmData.Row> rows = new ArrayList<>(all);
        Collections.shuffle(rows, new Random(seed));
        int cut = (int) Math.round(rows.size() * trainFraction);
        List<RouteLlmData.Row> train = rows.subList(0, cut);
        List<RouteLlmData.Row> test = rows.subList(cut, rows.size());
        if (train.isEmpty() || test.size() < 10) {
            throw new IllegalArgumentException(
                    "too few prompts for a split: " + train.size() + " to train on, " + test.size() + " to test");
        }
        return new Split(List.copyOf(train), List.copyOf(test));
    }

    public RoutingEvalResult run(List<RouteLlmData.Row> all, double trainFraction, long seed, Progress progress) {
        Split split = split(all, trainFraction, seed);
        Scores scores = score(split, progress);
        List<RouteLlmData.Row> test = split.test();
        RouterQuality chosen = RouterQuality.of(test, scores.gain());
        return new RoutingEvalResult(
                round(chosen.apgr()),
                round(chosen.cpt50()),
                round(chosen.cpt80()),
                0.5,
                test.size(),
                split.train().size(),
                round(RouterQuality.of(test, scores.neighbours()).apgr()),
                round(RouterQuality.of(test, scores.length()).apgr()),
                seed);
    }

    /** Stores the training prompts as history, trains the gain model on it and scores every test prompt. */
    public Scores score(Split split, Progress progress) {
        List<RouteLlmData.Row> train = split.train();
        List<RouteLlmData.Row> test = split.test();
        CollectionDefinition history = new CollectionDefinition(
                "routing-eval",
                "routing evaluation history",
                CollectionKind.HISTORY,
                List.of("query"),
                "query",
                "query");
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(workDir, EmbedderIdentity.of(embedder))) {
            store.open(history);
            List<float[]> trainVectors = embed(train, "embed training prompts", progress);
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                RouteLlmData.Row r = train.get(i);
                entries.add(new Entry(
                        "t" + i,
                        Map.of(
                                "query",
                                r.prompt(),
                                "weak_correct",
                                r.weakCorrect(),
                                "strong_correct",
                                r.strongCorrect()),
                        trainVectors.get(i),
                        Instant.EPOCH));
            }
            store.upsert(history.name(), entries);
            store.compact(history.name());
            double prior = train.stream().filter(RoutingEvaluation::gap).count() / (double) train.size();
            List<GainModel.Example> examples = new ArrayList<>();
            store.scanWithVectors(
                    history.name(),
                    Instant.MIN,
                    Instant.MAX,
                    (e, vector) -> examples.add(new GainModel.Example(
                            vector,
                            String.valueOf(e.payload().get("query")),
                            Boolean.TRUE.equals(e.payload().get("weak_correct")),
                            Boolean.TRUE.equals(e.payload().get("strong_correct")))));
            GainModel model = GainModel.train(examples);

            List<float[]> testVectors = embed(test, "score test prompts", progress);
            double[] gain = new double[test.size()];
            double[] remote = new double[test.size()];
            double[] neighbours = new double[test.size()];
            double[] length = new double[test.size()];
            for (int i = 0; i < test.size(); i++) {
                gain[i] = model.gain(testVectors.get(i), test.get(i).prompt());
                remote[i] = model.remoteSuccess(testVectors.get(i), test.get(i).prompt());
                neighbours[i] = gapEstimate(store, history, testVectors.get(i), prior);
                length[i] = PromptFeatures.of(test.get(i).prompt())[0];
            }
            return new Scores(gain, remote, neighbours, length);
        }
    }

    private static boolean gap(RouteLlmData.Row r) {
        return r.strongCorrect() && !r.weakCorrect();
    }

    /** Similarity-weighted share of neighbours where only the strong model was right, smoothed toward the prior. */
    private double gapEstimate(LuceneKnowledgeStore store, CollectionDefinition history, float[] vector, double prior) {
        List<SearchHit> hits = store.search(SearchRequest.of(history.name(), vector, k));
        double weight = 1.0;
        double sum = prior;
        for (SearchHit h : hits) {
            double w = Math.max(0, h.score());
            boolean onlyStrong = Boolean.TRUE.equals(h.payload().get("strong_correct"))
                    && !Boolean.TRUE.equals(h.payload().get("weak_correct"));
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
            out.addAll(embedder.embedAll(
                    batch.stream().map(RouteLlmData.Row::prompt).toList(), Embedder.Purpose.QUERY));
            progress.advance(batch.size());
        }
        progress.done();
        return out;
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
