package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.TextHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds the nodes of each file as soon as it is parsed, on a thread of its own, while the rest of the repository
 * is still being parsed and the graph built: parsing and embedding run as a pipeline. It works ahead of the index
 * step on a guess: the nodes a file yields on its own (its file node and declarations, which never depend on other
 * files) and their entries' text as the index step will make it. The index step then takes a vector from here
 * only when its own text hashes the same, and embeds any other, so a wrong guess costs time, never a wrong entry.
 * It embeds only entries that will change, nothing another code collection already holds (that is reused), each
 * text once, and at most {@value #MAX_TEXTS} texts ahead. Batches are embedded side by side, one per core: the code
 * model runs each inference on one thread, which on two cores embeds faster than one inference on both.
 */
final class EmbeddingPipeline implements AutoCloseable {
    static final int MAX_TEXTS = 50_000;
    private static final Parsed END = new Parsed(null, "");

    private record Parsed(FileState file, String text) {}

    private final CodeIndex index;
    private final String repository;
    private final Map<String, String> previouslyIndexed;
    private final boolean reuse;
    private final StopSignal stop;
    private final BlockingQueue<Parsed> queue = new LinkedBlockingQueue<>();
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger embedded = new AtomicInteger();
    private final Thread worker;
    private final ExecutorService embedding;
    /** Batches handed to {@link #embedding} and not yet embedded: a bound on the parsed nodes held waiting. */
    private final Semaphore batchesAhead;

    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * @param reuse whether to leave out texts other code collections hold (reading them all is worth it only for
     *     many files)
     */
    EmbeddingPipeline(
            CodeIndex index, String repository, Map<String, String> previouslyIndexed, boolean reuse, StopSignal stop) {
        this.index = index;
        this.repository = repository;
        this.previouslyIndexed = Map.copyOf(previouslyIndexed);
        this.reuse = reuse;
        this.stop = stop;
        int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.embedding = Executors.newFixedThreadPool(
                parallel, Thread.ofPlatform().daemon().name("kr-embed-", 0).factory());
        this.batchesAhead = new Semaphore(2 * parallel);
        this.worker = Thread.ofPlatform().daemon().name("kr-embed-ahead").start(this::work);
    }

    /** A file just parsed, with its text; called from the parsing threads. */
    void parsed(FileState file, String text) {
        if (!closed) {
            queue.add(new Parsed(file, text));
        }
    }

    /**
     * Waits until everything handed in is embedded (or the run is stopping), showing the work as a phase of its
     * own, and returns the vectors by the hash of their text.
     */
    Map<String, float[]> finish(Progress progress) {
        queue.add(END);
        progress.start("embed ahead", Math.max(queued.get(), embedded.get()));
        long shown = 0;
        try {
            while (worker.isAlive()) {
                worker.join(200);
                // Files still waiting to be read into texts add to the total as the worker reaches them.
                progress.grow(queued.get());
                long done = embedded.get();
                if (done > shown) {
                    progress.advance(done - shown);
                    shown = done;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            progress.done();
        }
        return Map.copyOf(vectors);
    }

    /** Why the work stopped early, if it failed; the index step then embeds what is missing itself. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        closed = true;
        queue.add(END);
        try {
            // At most the batch under way: the worker looks at the stop and the queue between batches.
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        try {
            Set<String> stored = reuse ? index.storedTextHashes() : Set.of();
            Set<String> seen = new HashSet<>();
            List<Map<String, Object>> pending = new ArrayList<>();
            while (true) {
                Parsed next = queue.take();
                boolean last = next == END || closed;
                if (!last && seen.size() < MAX_TEXTS) {
                    for (Map<String, Object> payload : payloads(next)) {
                        String hash = TextHash.of(index.textOf(payload));
                        if (!stored.contains(hash) && seen.add(hash)) {
                            pending.add(payload);
                            queued.incrementAndGet();
                        }
                    }
                }
                while (pending.size() >= CodeIndex.EMBED_BATCH || (last && !pending.isEmpty())) {
                    if (stop.requested() || closed && next != END) {
                        return;
                    }
                    List<Map<String, Object>> batch =
                            List.copyOf(pending.subList(0, Math.min(CodeIndex.EMBED_BATCH, pending.size())));
                    pending.subList(0, batch.size()).clear();
                    embedAside(batch);
                }
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            awaitBatches();
        }
    }

    /** Hands a batch to the next free embedding thread, waiting while enough batches are ahead already. */
    private void embedAside(List<Map<String, Object>> batch) throws InterruptedException {
        batchesAhead.acquire();
        try {
            embedding.execute(() -> {
                try {
                    if (!stop.requested() && !closed && failure == null) {
                        vectors.putAll(index.embed(batch));
                        embedded.addAndGet(batch.size());
                    }
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    batchesAhead.release();
                }
            });
        } catch (RejectedExecutionException e) {
            batchesAhead.release();
            throw e;
        }
    }

    /** The batches under way finish (each takes well under a second); the ones not started see a stop and skip. */
    private void awaitBatches() {
        embedding.shutdown();
        try {
            while (!embedding.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: the batches under way are what finish() returns
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The payloads of a file's nodes whose entries will change, as the index step will make them if all goes as usual. */
    private List<Map<String, Object>> payloads(Parsed parsed) {
        RepositoryFiles alone =
                new RepositoryFiles(Path.of(""), List.of(parsed.file().extraction()));
        List<GraphNode> nodes = new GraphBuilder(Map.of()).build(alone).nodes();
        List<String> lines = parsed.text().lines().toList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (GraphNode node : nodes) {
            if (node.type().equals(GraphNode.MODULE) || node.filePath() == null) {
                continue;
            }
            Map<String, Object> payload = CodeIndex.payload(
                    repository,
                    new CodeIndex.Item(
                            node, RepositoryAnalyzer.qualifiedName(node), RepositoryAnalyzer.snippet(lines, node)));
            if (!CodeIndex.hashOf(payload).equals(previouslyIndexed.get(node.id()))) {
                out.add(payload);
            }
        }
        return out;
    }
}
