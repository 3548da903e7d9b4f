package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EntryEmbedder;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures retrieval on a BEIR data set through the production path: the corpus is indexed into a
 * collection of a real {@link LuceneKnowledgeStore} with the configured embedder, and every judged
 * query is searched with {@link LuceneKnowledgeStore#search}. Hybrid fusion is chosen by 5-fold
 * cross-validation over the queries, never on the queries it is scored on.
 */
public final class RetrievalEvaluation {
    public static final int FOLDS = 5;
    static final List<HybridFusion> CANDIDATES = candidates();
    static final List<Bm25Params> BM25_GRID = bm25Grid();
    private static final int DEPTH = 100;
    private static final int BATCH = 64;

    private final Embedder embedder;
    private final Path workDir;
    private final int k;

    /** @param k the cutoff of the extra nDCG@k and MRR@k columns */
    public RetrievalEvaluation(Embedder embedder, Path workDir, int k) {
        this.embedder = embedder;
        this.workDir = workDir;
        this.k = k;
    }

    private static List<Bm25Params> bm25Grid() {
        List<Bm25Params> out = new ArrayList<>();
        for (double k1 : new double[] {0.9, 1.2, 1.5}) {
            for (double b : new double[] {0.4, 0.5, 0.6, 0.75}) {
                out.add(new Bm25Params(k1, b));
            }
        }
        return out;
    }

    private static List<HybridFusion> candidates() {
        List<HybridFusion> out = new ArrayList<>();
        for (double k0 : new double[] {1, 2, 5, 10, 20, 30, 40, 60, 80, 100}) {
            out.add(new HybridFusion(HybridFusion.Kind.RRF, k0));
        }
        for (HybridFusion.Kind kind : List.of(HybridFusion.Kind.CONVEX, HybridFusion.Kind.ZSCORE)) {
            for (int a = 1; a <= 19; a++) {
                out.add(new HybridFusion(kind, a / 20.0));
            }
        }
        return out;
    }

    public List<RetrievalResult> run(BeirDataset data, List<SearchMode> modes, Progress progress) {
        CollectionDefinition collection = new CollectionDefinition(
                "eval-" + data.name().replaceAll("[^a-z0-9_-]", "-").toLowerCase(Locale.ROOT),
                "evaluation corpus",
                CollectionKind.KNOWLEDGE,
                List.of("title", "text"),
                "text",
                "title");
        List<RetrievalResult> results = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<List<HybridFusion.Scored<String>>> denseCandidates = null;
        double indexSeconds;
        try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(workDir, EmbedderIdentity.of(embedder))) {
            store.open(collection);
            indexSeconds = index(store, collection, data, progress);
            progress.start("embed queries", data.queries().size());
            for (BeirDataset.Query q : data.queries()) {
                vectors.add(embedder.embed(q.text(), Embedder.Purpose.QUERY));
                progress.advance(1);
            }
            progress.done();
            for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.BM25)) {
                if (modes.contains(mode)) {
                    long[] nanos = new long[data.queries().size()];
                    List<List<HybridFusion.Scored<String>>> ranked =
                            search(store, collection, data, vectors, mode, DEPTH, nanos, progress);
                    results.add(score(
                            mode.name().toLowerCase(Locale.ROOT), data, ranked, indexSeconds, p50(nanos), null, null));
                }
            }
            if (modes.contains(SearchMode.HYBRID)) {
                // The candidate lists the store fuses for k = 100: five times deeper.
                denseCandidates = search(
                        store,
                        collection,
                        data,
                        vectors,
                        SearchMode.DENSE,
                        DEPTH * 5,
                        new long[data.queries().size()],
                        progress);
            }
        }
        if (modes.contains(SearchMode.HYBRID)) {
            List<List<List<HybridFusion.Scored<String>>>> bm25ByParams = new ArrayList<>();
            for (Bm25Params params : BM25_GRID) {
                try (LuceneKnowledgeStore store = new LuceneKnowledgeStore(
                        workDir, EmbedderIdentity.of(embedder), HybridFusion.DEFAULT, params)) {
                    store.open(collection);
                    bm25ByParams.add(search(
                            store,
                            collection,
                            data,
                            vectors,
                            SearchMode.BM25,
                            DEPTH * 5,
                            new long[data.queries().size()],
                            progress));
                }
            }
            results.add(crossValidatedHybrid(
                    collection, data, vectors, denseCandidates, bm25ByParams, indexSeconds, progress));
        }
        return results;
    }

    private double index(LuceneKnowledgeStore store, CollectionDefinition c, BeirDataset data, Progress progress) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        List<EntryEmbedder.Pending> pending = data.corpus().stream()
                .map(d -> new EntryEmbedder.Pending(
                        d.id(), Map.<String, Object>of("id", d.id(), "title", d.title(), "text", d.text()), now))
                .toList();
        new EntryEmbedder(embedder, c)
                .embedInBatches(
                        pending,
                        BATCH,
                        "index " + data.name(),
                        progress,
                        StopSignal.never(),
                        batch -> store.upsert(c.name(), batch));
        store.compact(c.name());
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<List<HybridFusion.Scored<String>>> search(
            LuceneKnowledgeStore store,
            CollectionDefinition c,
            BeirDataset data,
            List<float[]> vectors,
            SearchMode mode,
            int depth,
            long[] nanos,
            Progress progress) {
        List<List<HybridFusion.Scored<String>>> out = new ArrayList<>();
        progress.start(
                "search " + mode.name().toLowerCase(Locale.ROOT), data.queries().size());
        for (int i = 0; i < data.queries().size(); i++) {
            SearchRequest request = SearchRequest.of(c.name(), vectors.get(i), depth)
                    .withText(data.queries().get(i).text(), mode);
            long t = System.nanoTime();
            List<SearchHit> hits = store.search(request);
            nanos[i] = System.nanoTime() - t;
            out.add(hits.stream()
                    .map(h -> new HybridFusion.Scored<>(h.id(), h.rankScore()))
                    .toList());
            progress.advance(1);
        }
        progress.done();
        return out;
    }

    /** One point of the joint search: BM25 parameters (by index into {@link #BM25_GRID}) and a fusion. */
    private record Setting(int bm25, HybridFusion fusion) {
        String describe() {
            return fusion + " over " + BM25_GRID.get(bm25);
        }
    }

    private RetrievalResult crossValidatedHybrid(
            CollectionDefinition c,
            BeirDataset data,
            List<float[]> vectors,
            List<List<HybridFusion.Scored<String>>> dense,
            List<List<List<HybridFusion.Scored<String>>>> bm25ByParams,
            double indexSeconds,
            Progress progress) {
        int n = data.queries().size();
        List<Setting> settings = new ArrayList<>();
        for (int p = 0; p < BM25_GRID.size(); p++) {
            for (HybridFusion f : CANDIDATES) {
                settings.add(new Setting(p, f));
            }
        }
        double[][] ndcgBySetting = new double[settings.size()][n];
        progress.start("cross-validate fusion", settings.size());
        for (int s = 0; s < settings.size(); s++) {
            Setting setting = settings.get(s);
            for (int q = 0; q < n; q++) {
                List<String> ids = setting
                        .fusion()
                        .fuse(dense.get(q), bm25ByParams.get(setting.bm25()).get(q))
                        .stream()
                        .limit(10)
                        .map(HybridFusion.Scored::key)
                        .toList();
                ndcgBySetting[s][q] = RetrievalMetrics.ndcg(
                        ids, data.qrels().get(data.queries().get(q).id()), 10);
            }
            progress.advance(1);
        }
        progress.done();
        List<List<HybridFusion.Scored<String>>> fused = new ArrayList<>(Collections.nCopies(n, null));
        List<String> chosenPerFold = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            int best = 0;
            double bestScore = -1;
            for (int s = 0; s < settings.size(); s++) {
                double sum = 0;
                for (int q = 0; q < n; q++) {
                    if (q % FOLDS != fold) {
                        sum += ndcgBySetting[s][q];
                    }
                }
                if (sum > bestScore) {
                    bestScore = sum;
                    best = s;
                }
            }
            Setting chosen = settings.get(best);
            chosenPerFold.add(chosen.describe());
            for (int q = fold; q < n; q += FOLDS) {
                fused.set(
                        q,
                        chosen.fusion()
                                .fuse(
                                        dense.get(q),
                                        bm25ByParams.get(chosen.bm25()).get(q)));
            }
        }
        Setting overall = settings.get(argmax(ndcgBySetting));
        Map<String, Double> grid = new LinkedHashMap<>();
        for (int s = 0; s < settings.size(); s++) {
            grid.put(
                    settings.get(s).describe(),
                    round(Arrays.stream(ndcgBySetting[s]).average().orElse(0)));
        }
        // Latency of the production hybrid path with the setting chosen on all queries.
        long[] nanos = new long[n];
        try (LuceneKnowledgeStore timed = new LuceneKnowledgeStore(
                workDir, EmbedderIdentity.of(embedder), overall.fusion(), BM25_GRID.get(overall.bm25()))) {
            timed.open(c);
            search(timed, c, data, vectors, SearchMode.HYBRID, DEPTH, nanos, progress);
        }
        return score(
                "hybrid",
                data,
                fused,
                indexSeconds,
                p50(nanos),
                "cross-validated per fold: " + String.join("; ", chosenPerFold) + "; on all queries: "
                        + overall.describe(),
                grid);
    }

    private static int argmax(double[][] byCandidate) {
        int best = 0;
        double bestSum = -1;
        for (int f = 0; f < byCandidate.length; f++) {
            double sum = Arrays.stream(byCandidate[f]).sum();
            if (sum > bestSum) {
                bestSum = sum;
                best = f;
            }
        }
        return best;
    }

    private RetrievalResult score(
            String mode,
            BeirDataset data,
            List<List<HybridFusion.Scored<String>>> ranked,
            double indexSeconds,
            double queryMs,
            String fusion,
            Map<String, Double> grid) {
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        double ndcgK = 0;
        double mrrK = 0;
        int n = data.queries().size();
        for (int q = 0; q < n; q++) {
            List<String> ids = ranked.get(q).stream()
                    .limit(DEPTH)
                    .map(HybridFusion.Scored::key)
                    .toList();
            Map<String, Integer> judged = data.qrels().get(data.queries().get(q).id());
            ndcg += RetrievalMetrics.ndcg(ids, judged, 10);
            recall += RetrievalMetrics.recall(ids, judged, 100);
            mrr += RetrievalMetrics.mrr(ids, judged, 10);
            ndcgK += RetrievalMetrics.ndcg(ids, judged, k);
            mrrK += RetrievalMetrics.mrr(ids, judged, k);
        }
        return new RetrievalResult(
                mode,
                round(ndcg / n),
                round(recall / n),
                round(mrr / n),
                k,
                round(ndcgK / n),
                round(mrrK / n),
                n,
                data.corpus().size(),
                round(indexSeconds),
                queryMs,
                fusion,
                grid);
    }

    private static double p50(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return Math.round(s[s.length / 2] / 1000.0) / 1000.0;
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
