package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.HitSelection;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joint searches of a store's knowledge collections and the upkeep of the {@link JointIndex} they walk, kept under
 * {@code <folder>/<generation>/}. A search uses the graph only when every collection is still at the state it was
 * built from, so its hits are always those of the collections as the caller sees them; otherwise it answers empty
 * (the caller searches collection by collection) and asks for a rebuild on the store's background thread, at most one
 * at a time and not sooner than {@link #MIN_REBUILD_GAP} or four build times after the last: the knowledge changes in
 * bulk loads and is read by every decision, so a graph built once serves until the next load.
 */
final class JointSearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JointSearch.class);

    /**
     * Below this many entries in all, a walk of each collection's graph is a tenth of a millisecond or less and a
     * second copy of the vectors buys nothing.
     */
    static final long FROM_ENTRIES = 10_000;

    private static final Duration MIN_REBUILD_GAP = Duration.ofSeconds(10);
    private static final int REBUILD_GAP_PER_BUILD = 4;

    private final Path folder;
    private final Clock clock;
    private final Executor background;
    private final long fromEntries;
    private final AtomicReference<JointIndex> current = new AtomicReference<>();
    /** Held by the one build under way; a background build that finds it held gives up. */
    private final ReentrantLock building = new ReentrantLock();

    private final Object swapping = new Object();
    /** Guarded by {@link #swapping}. */
    private long generation;
    /** Whether the graph on disk was looked for; set once, under {@link #swapping}. */
    private volatile boolean loaded;

    private volatile long notBeforeMillis;
    private volatile boolean closed;

    JointSearch(Path folder, Clock clock, Executor background, long fromEntries) {
        this.folder = folder;
        this.clock = clock;
        this.background = background;
        this.fromEntries = fromEntries;
    }

    /**
     * Keeps the newest complete graph; older ones and a build a crash cut short are deleted. Done by the first joint
     * search rather than when the store opens: most commands never search and should not read the graph.
     */
    private void loadOnce() {
        synchronized (swapping) {
            if (loaded) {
                return;
            }
            loaded = true;
            if (!closed) {
                load();
            }
        }
    }

    /** Called once, holding {@link #swapping}. */
    private void load() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> generations = children.filter(
                            p -> p.getFileName().toString().matches("[0-9]{1,18}"))
                    .sorted(Comparator.comparingLong(JointSearch::generationOf).reversed())
                    .toList();
            for (Path dir : generations) {
                generation = Math.max(generation, generationOf(dir));
                if (current.get() == null && openQuietly(dir)) {
                    continue;
                }
                ScratchFolders.delete(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn(
                    "cannot read the joint graph under {}; searching collection by collection until it is rebuilt: {}",
                    folder,
                    e.getMessage());
        }
    }

    private boolean openQuietly(Path dir) {
        try {
            Optional<JointIndex> index = JointIndex.open(dir);
            index.ifPresent(current::set);
            return index.isPresent();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the joint graph at {} is unreadable and will be rebuilt: {}", dir, e.getMessage());
            return false;
        }
    }

    private static long generationOf(Path dir) {
        return Long.parseLong(dir.getFileName().toString());
    }

    /**
     * The hits {@code request} would find in each of {@code collections} (named {@code names}), merged and cut to
     * its {@code k}, from one walk of the joint graph; empty when there are too few entries for it to pay or the
     * graph is not at the collections' state (then a rebuild is asked for).
     */
    Optional<RankedHits> rank(List<String> names, List<LuceneCollection> collections, SearchRequest request)
            throws IOException {
        if (!loaded) {
            loadOnce();
        }
        List<IndexSearcher> held = acquire(collections, request.staleness());
        boolean handedOver = false;
        try {
            long entries = entries(held);
            if (entries < fromEntries) {
                return Optional.empty();
            }
            JointIndex index = current.get();
            if (index != null && index.tryIncRef()) {
                try {
                    if (index.covers(names, readers(held))) {
                        List<JointIndex.Hit> kept = HitSelection.firstAboveThreshold(
                                request,
                                index.search(request.vector(), HitSelection.candidates(request, entries)),
                                JointIndex.Hit::cosine,
                                (hit, cosine) -> hit);
                        RankedHits hits = new JointRankedHits(collections, held, index, kept);
                        handedOver = true;
                        return Optional.of(hits);
                    }
                } finally {
                    if (!handedOver) {
                        index.decRef();
                    }
                }
            }
            buildSoon(names, collections);
            return Optional.empty();
        } finally {
            if (!handedOver) {
                release(collections, held);
            }
        }
    }

    /** Builds the graph of {@code collections} now unless it is current or they are too small; waits for one under way. */
    void prepare(List<String> names, List<LuceneCollection> collections) throws IOException {
        loadOnce();
        building.lock();
        try {
            build(names, collections);
        } finally {
            building.unlock();
        }
    }

    private void buildSoon(List<String> names, List<LuceneCollection> collections) {
        if (closed || clock.millis() < notBeforeMillis || building.isLocked()) {
            return;
        }
        try {
            background.execute(() -> {
                if (!building.tryLock()) {
                    return;
                }
                try {
                    build(names, collections);
                } catch (CancellationException e) {
                    // The store is closing; the next start builds again.
                } catch (IOException | RuntimeException e) {
                    LOG.warn(
                            "building the joint graph of {} failed; searching collection by collection: {}",
                            names,
                            e.getMessage());
                } finally {
                    building.unlock();
                }
            });
        } catch (RejectedExecutionException e) {
            // The store is closing.
        }
    }

    /** Called with {@link #building} held. */
    private void build(List<String> names, List<LuceneCollection> collections) throws IOException {
        long start = clock.millis();
        List<IndexSearcher> held = acquire(collections, Duration.ZERO);
        try {
            List<IndexReader> readers = readers(held);
            if (entries(held) < fromEntries || isCurrent(names, readers)) {
                return;
            }
            Path dir;
            synchronized (swapping) {
                dir = folder.resolve(Long.toString(++generation));
            }
            try {
                if (!JointIndex.build(dir, names, readers, () -> closed)) {
                    ScratchFolders.delete(dir);
                    return;
                }
                JointIndex fresh = JointIndex.open(dir)
                        .orElseThrow(() -> new IOException("the joint graph just written at " + dir + " is missing"));
                synchronized (swapping) {
                    if (closed) {
                        fresh.close();
                        return;
                    }
                    JointIndex old = current.getAndSet(fresh);
                    if (old != null) {
                        old.retire();
                    }
                }
                LOG.info("joint graph of {} ({} entries) built in {} ms", names, fresh.size(), clock.millis() - start);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(dir);
                throw e;
            }
        } finally {
            release(collections, held);
            long took = clock.millis() - start;
            notBeforeMillis = clock.millis() + Math.max(MIN_REBUILD_GAP.toMillis(), REBUILD_GAP_PER_BUILD * took);
        }
    }

    private boolean isCurrent(List<String> names, List<IndexReader> readers) throws IOException {
        JointIndex index = current.get();
        if (index == null || !index.tryIncRef()) {
            return false;
        }
        try {
            return index.covers(names, readers);
        } finally {
            index.decRef();
        }
    }

    private static List<IndexSearcher> acquire(List<LuceneCollection> collections, Duration staleness)
            throws IOException {
        List<IndexSearcher> held = new ArrayList<>(collections.size());
        try {
            for (LuceneCollection c : collections) {
                held.add(c.acquire(staleness));
            }
            return held;
        } catch (IOException | RuntimeException e) {
            release(collections.subList(0, held.size()), held);
            throw e;
        }
    }

    /** Releases each searcher to its collection, all of them even when one fails. */
    static void release(List<LuceneCollection> collections, List<IndexSearcher> held) {
        StoreException failed = null;
        for (int i = 0; i < held.size(); i++) {
            try {
                collections.get(i).release(held.get(i));
            } catch (IOException e) {
                failed = new StoreException("index I/O failed: " + e.getMessage(), new UncheckedIOException(e));
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static List<IndexReader> readers(List<IndexSearcher> held) {
        return held.stream().map(IndexSearcher::getIndexReader).toList();
    }

    private static long entries(List<IndexSearcher> held) {
        long n = 0;
        for (IndexSearcher s : held) {
            n += s.getIndexReader().numDocs();
        }
        return n;
    }

    private static void deleteQuietly(Path dir) {
        try {
            ScratchFolders.delete(dir);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete the unfinished joint graph at {}: {}", dir, e.getMessage());
        }
    }

    /** Stops a build under way at its next check and lets go of the graph; it stays on disk for the next start. */
    @Override
    public void close() {
        closed = true;
        synchronized (swapping) {
            JointIndex index = current.getAndSet(null);
            if (index != null) {
                try {
                    index.close();
                } catch (IOException e) {
                    LOG.warn("closing the joint graph failed: {}", e.getMessage());
                }
            }
        }
    }
}
