package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Searches several collections at once, one task each, and merges the hits by score. Used for the
 * routing relevance, which is the best score over every knowledge collection.
 */
public final class KnowledgeSearch implements AutoCloseable {
    private final KnowledgeStore store;
    private final HybridFusion fusion;
    private final ExecutorService pool;
    private volatile KnowledgeNames knowledge = new KnowledgeNames(null, List.of());

    public KnowledgeSearch(KnowledgeStore store) {
        this(store, HybridFusion.DEFAULT);
    }

    public KnowledgeSearch(KnowledgeStore store, HybridFusion fusion) {
        this.store = store;
        this.fusion = fusion;
        this.pool = Executors.newFixedThreadPool(
                4, Thread.ofPlatform().daemon().name("kr-search-", 0).factory());
    }

    /**
     * The best {@code k} hits across {@code collections}, highest score first. One search
     * per collection runs on the pool; the calling thread runs the first itself and then any the pool
     * has not started yet, because a search takes ~0.1 ms and handing it to a busy core can cost more
     * than it saves: never slower than sequential, parallel when a core is free.
     */
    public List<SearchHit> searchAll(List<String> collections, float[] vector, int k) {
        return searchAll(collections, vector, "", SearchMode.DENSE, k);
    }

    /**
     * As {@link #searchAll(List, float[], int)}, with {@code alongside} (another search the caller needs
     * with these hits) running at the same time: it is handed to the pool first, so a free core starts it
     * while the calling thread searches the collections, and the calling thread runs it itself if no pool
     * thread has started it by then.
     */
    public <T> Together<T> searchAllAlongside(List<String> collections, float[] vector, int k, Supplier<T> alongside) {
        FutureTask<T> other = new FutureTask<>(alongside::get);
        pool.execute(other);
        List<SearchHit> hits = searchAll(collections, vector, k);
        other.run();
        return new Together<>(hits, join(other));
    }

    /** The hits of the collections searched, and what the search run alongside them found. */
    public record Together<T>(List<SearchHit> hits, T alongside) {}

    /**
     * As above, ranked by {@code mode}. Hybrid over several collections fuses once, globally: the
     * dense candidates of all collections (cosines, comparable) and their BM25 candidates are each
     * merged first, because scores fused per collection are not comparable across collections.
     */
    public List<SearchHit> searchAll(List<String> collections, float[] vector, String text, SearchMode mode, int k) {
        if (collections.isEmpty()) {
            return List.of();
        }
        if (mode == SearchMode.HYBRID && collections.size() > 1) {
            int depth = Math.min(SearchRequest.MAX_K, k * HitSelection.OVERFETCH);
            List<SearchHit> dense = run(collections, SearchRequest.of(collections.getFirst(), vector, depth), depth);
            List<SearchHit> bm25 = run(
                    collections,
                    SearchRequest.of(collections.getFirst(), vector, depth).withText(text, SearchMode.BM25),
                    depth);
            Map<String, SearchHit> byKey = new HashMap<>();
            dense.forEach(h -> byKey.put(h.collection() + "/" + h.id(), h));
            bm25.forEach(h -> byKey.putIfAbsent(h.collection() + "/" + h.id(), h));
            List<HybridFusion.Scored<String>> fused = fusion.fuse(
                    dense.stream()
                            .map(h -> new HybridFusion.Scored<>(h.collection() + "/" + h.id(), h.rankScore()))
                            .toList(),
                    bm25.stream()
                            .map(h -> new HybridFusion.Scored<>(h.collection() + "/" + h.id(), h.rankScore()))
                            .toList());
            return fused.stream()
                    .limit(k)
                    .map(f -> {
                        SearchHit h = byKey.get(f.key());
                        return new SearchHit(h.collection(), h.id(), h.score(), f.score(), h.payload(), h.timestamp());
                    })
                    .toList();
        }
        SearchRequest request =
                SearchRequest.of(collections.getFirst(), vector, k).withText(text, mode);
        return run(collections, request, k);
    }

    /**
     * Ranks every collection, then reads only the best {@code k} hits of them all: a hit that would be merged away
     * is never decompressed nor parsed. Ties keep the collections' order, as a stable sort of all their hits would.
     * A store that can rank the collections in one walk ({@link JointRanking}) does so instead.
     */
    private List<SearchHit> run(List<String> collections, SearchRequest request, int k) {
        if (collections.size() == 1) {
            return store.search(request.inCollection(collections.getFirst()));
        }
        if (store instanceof JointRanking joint) {
            Optional<RankedHits> together = joint.rankJointly(collections, request);
            if (together.isPresent()) {
                try (RankedHits ranking = together.get()) {
                    return best(List.of(ranking), k);
                }
            }
        }
        List<FutureTask<RankedHits>> tasks = new ArrayList<>(collections.size());
        for (String c : collections) {
            tasks.add(new FutureTask<>(() -> store.rank(request.inCollection(c))));
        }
        for (int i = 1; i < tasks.size(); i++) {
            pool.execute(tasks.get(i));
        }
        for (FutureTask<RankedHits> t : tasks) {
            t.run();
        }
        List<RankedHits> rankings = new ArrayList<>(tasks.size());
        try {
            for (FutureTask<RankedHits> t : tasks) {
                rankings.add(join(t));
            }
            return best(rankings, k);
        } finally {
            closeAll(tasks);
        }
    }

    private record Candidate(RankedHits ranking, int index, double rankScore) {}

    private static List<SearchHit> best(List<RankedHits> rankings, int k) {
        List<Candidate> all = new ArrayList<>();
        for (RankedHits r : rankings) {
            for (int i = 0; i < r.size(); i++) {
                all.add(new Candidate(r, i, r.rankScore(i)));
            }
        }
        all.sort(Comparator.comparingDouble(Candidate::rankScore).reversed());
        List<SearchHit> hits = new ArrayList<>(Math.min(k, all.size()));
        for (Candidate c : all.subList(0, Math.min(k, all.size()))) {
            hits.add(c.ranking().read(c.index()));
        }
        return hits;
    }

    /**
     * Closes every ranking the tasks produced, also when another task failed: a pool thread may still be running
     * one, and a ranking left open would hold its index view for good, so this waits for each to finish.
     */
    private static void closeAll(List<FutureTask<RankedHits>> tasks) {
        boolean interrupted = false;
        for (FutureTask<RankedHits> t : tasks) {
            while (!t.isDone()) {
                try {
                    t.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
            if (t.state() == Future.State.SUCCESS) {
                t.resultNow().close();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The names of the collections whose relevance routes queries; worked out again only when the store answers
     * another list of collections than last time (a store whose list stays the same object while nothing opens).
     */
    public List<String> knowledgeCollections() {
        List<CollectionDefinition> all = store.collections();
        KnowledgeNames known = knowledge;
        if (known.of() != all) {
            known = new KnowledgeNames(
                    all,
                    all.stream()
                            .filter(c -> c.kind() == CollectionKind.KNOWLEDGE)
                            .map(CollectionDefinition::name)
                            .toList());
            knowledge = known;
        }
        return known.names();
    }

    private record KnowledgeNames(List<CollectionDefinition> of, List<String> names) {}

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("search failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
