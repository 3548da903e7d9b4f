package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Searches several collections at once, one task each, and merges the hits by score. Used for the
 * routing relevance, which is the best score over every knowledge collection.
 */
public final class KnowledgeSearch implements AutoCloseable {
    private final KnowledgeStore store;
    private final ExecutorService pool;

    public KnowledgeSearch(KnowledgeStore store) {
        this.store = store;
        this.pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("kr-search-", 0).factory());
    }

    /**
     * The best {@code k} hits across {@code collections}, highest score first. One search
     * per collection runs on the pool; the calling thread runs the first itself and then any the pool
     * has not started yet, because a search takes ~0.1 ms and handing it to a busy core can cost more
     * than it saves: never slower than sequential, parallel when a core is free.
     */
    public List<SearchHit> searchAll(List<String> collections, float[] vector, int k) {
        if (collections.isEmpty()) {
            return List.of();
        }
        SearchRequest request = SearchRequest.of(collections.getFirst(), vector, k);
        if (collections.size() == 1) {
            return store.search(request);
        }
        List<FutureTask<List<SearchHit>>> tasks = new ArrayList<>(collections.size());
        for (String c : collections) {
            tasks.add(new FutureTask<>(() -> store.search(request.inCollection(c))));
        }
        for (int i = 1; i < tasks.size(); i++) {
            pool.execute(tasks.get(i));
        }
        for (FutureTask<List<SearchHit>> t : tasks) {
            t.run();
        }
        List<SearchHit> merged = new ArrayList<>();
        for (FutureTask<List<SearchHit>> t : tasks) {
            merged.addAll(join(t));
        }
        merged.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return merged.size() > k ? List.copyOf(merged.subList(0, k)) : merged;
    }

    /** The names of the collections whose relevance routes queries. */
    public List<String> knowledgeCollections() {
        return store.collections().stream().filter(c -> c.kind() == CollectionKind.KNOWLEDGE).map(CollectionDefinition::name).toList();
    }

    private static List<SearchHit> join(Future<List<SearchHit>> f) {
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
