package dev.knowledgerouter.knowledge.lucene;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * A collection's searchers and which writes they see. A write is acknowledged once its log record is durable,
 * without refreshing: a refresh flushes the writes since the last one as a small segment (and later merges),
 * and at a few hundred interactions a second, refreshing after every group commit was an eighth of a query's
 * CPU and a wait in front of every acknowledgement. Instead a reader refreshes when it needs to: one that must
 * see every acknowledged write ({@code staleness} zero) refreshes when a write is not yet visible; one that
 * accepts an allowance refreshes only when the view is older than that, so under load the collection refreshes
 * once per allowance rather than once per commit, on a background thread.
 *
 * <p>Writes are numbered by the log in the order they were applied to the index writer ({@code written} is the
 * number of the last one), so a refresh that starts after reading {@code written} sees all of them.
 */
final class Searchers implements AutoCloseable {
    private final SearcherManager manager;
    private final LongSupplier written;
    private final Clock clock;
    private final Executor background;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile long visibleThrough;
    private volatile long refreshedAtMillis;

    Searchers(SearcherManager manager, LongSupplier written, Clock clock, Executor background) {
        this.manager = manager;
        this.written = written;
        this.clock = clock;
        this.background = background;
        this.visibleThrough = written.getAsLong();
        this.refreshedAtMillis = clock.millis();
    }

    /**
     * A searcher that sees every write acknowledged before this call, or with an allowance, every write
     * acknowledged at least {@code staleness} before it once the refresh that this call finds due has run in
     * the background (until then, the view before it). Release it with {@link #release}.
     */
    IndexSearcher acquire(Duration staleness) throws IOException {
        long target = written.getAsLong();
        if (target > visibleThrough) {
            if (staleness.isZero()) {
                refreshThrough(target);
            } else if (clock.millis() - refreshedAtMillis >= staleness.toMillis()) {
                refreshInBackground();
            }
        }
        return manager.acquire();
    }

    /**
     * A reader with an allowance neither refreshes nor waits for a refresh: at a few hundred queries a second,
     * the one query in a hundred that refreshed the history (a segment flush, tens of milliseconds under load)
     * was the slowest percent. The refresh runs on {@code background}, once at a time.
     */
    private void refreshInBackground() {
        if (!refreshQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    refresh();
                } catch (IOException | AlreadyClosedException e) {
                    // Closed meanwhile, or the disk failed: the next reader that needs the writes refreshes itself.
                } finally {
                    refreshQueued.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshQueued.set(false);
        }
    }

    /** A searcher that sees every acknowledged write. */
    IndexSearcher acquire() throws IOException {
        return acquire(Duration.ZERO);
    }

    void release(IndexSearcher searcher) throws IOException {
        manager.release(searcher);
    }

    /** Makes every write applied so far visible (a caller holding the collection's write lock: all of them). */
    void refresh() throws IOException {
        refreshThrough(written.getAsLong());
    }

    private void refreshThrough(long target) throws IOException {
        refreshing.lock();
        try {
            if (visibleThrough >= target) {
                return;
            }
            long through = written.getAsLong();
            long at = clock.millis();
            manager.maybeRefreshBlocking();
            visibleThrough = through;
            refreshedAtMillis = at;
        } finally {
            refreshing.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        manager.close();
    }
}
