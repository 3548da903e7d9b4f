package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.lucene.VectorFormat;
import dev.knowledgerouter.knowledge.lucene.VectorScaleIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Measures one vector format at a size the embedder cannot fill (generated vectors, {@link SyntheticVectors}):
 * search latency, recall@k against exact search, and the memory of a process that has searched. The index is
 * kept, so a second run measures a process that did not build it.
 */
public final class ScaleBenchmark {
    /** The dimension of the shipped embedder's vectors. */
    public static final int DIMS = 384;

    private static final int WARMUP = 100;
    private static final long MB = 1L << 20;

    private final Path dir;
    private final VectorFormat format;
    private final long entries;
    private final SyntheticVectors vectors;

    /** The benchmark of {@code format} on an index of {@code entries} generated vectors kept at {@code dir}. */
    public ScaleBenchmark(Path dir, VectorFormat format, long entries) {
        this.dir = dir;
        this.format = format;
        this.entries = entries;
        this.vectors = new SyntheticVectors(DIMS, entries);
    }

    /**
     * Makes the index from the full index of the same vectors at {@code source} (another format), reusing its
     * graph; returns the seconds it took (0 when the index existed already).
     */
    public double convert(Path source, Progress progress) {
        try (VectorScaleIndex full = VectorScaleIndex.open(source)) {
            if (full.size() != entries) {
                throw new IllegalArgumentException("the index at " + source + " holds " + full.size() + " vectors, not "
                        + entries + "; convert one of the same size");
            }
        }
        long start = System.nanoTime();
        long written = VectorScaleIndex.convert(source, dir, format, progress);
        return written == 0 ? 0 : (System.nanoTime() - start) / 1e9;
    }

    /** Fills the index to its size; returns the seconds it took (0 when it was full already). */
    public double fill(Progress progress) {
        long start = System.nanoTime();
        long added = VectorScaleIndex.fill(dir, format, entries, vectors::entry, progress);
        return added == 0 ? 0 : (System.nanoTime() - start) / 1e9;
    }

    /**
     * Searches {@code queries} generated queries for their {@code k} nearest, asking HNSW for
     * {@code candidates} candidates (the store asks for k times its over-fetch); memory is read before the exact pass, which
     * reads every raw vector and would count them all as resident.
     */
    public ScaleBenchResult measure(int queries, int k, int candidates, double fillSeconds, Progress progress) {
        List<float[]> qs = IntStream.range(0, queries).mapToObj(vectors::query).toList();
        try (VectorScaleIndex index = VectorScaleIndex.open(dir)) {
            for (int i = 0; i < WARMUP; i++) {
                index.nearest(vectors.query(queries + i), k, candidates);
            }
            progress.start("search", 2L * queries);
            long[] plainNanos = new long[queries];
            long[] rescoredNanos = new long[queries];
            int[][] plain = new int[queries][];
            int[][] rescored = new int[queries][];
            for (int q = 0; q < queries; q++) {
                long t0 = System.nanoTime();
                plain[q] = index.nearest(qs.get(q), k, candidates);
                long t1 = System.nanoTime();
                rescored[q] = index.nearestRescored(qs.get(q), k, candidates);
                rescoredNanos[q] = System.nanoTime() - t1;
                plainNanos[q] = t1 - t0;
                progress.advance(2);
            }
            progress.done();
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            Map<String, Long> status = ProcStatus.read();
            progress.start("exact search", 1);
            int[][] exact = index.exact(qs, k);
            progress.done();
            return new ScaleBenchResult(
                    index.size(),
                    format.name().toLowerCase(Locale.ROOT),
                    queries,
                    k,
                    candidates,
                    fillSeconds,
                    RouteBenchmark.percentile(plainNanos, 50),
                    RouteBenchmark.percentile(plainNanos, 99),
                    recall(plain, exact, k),
                    RouteBenchmark.percentile(rescoredNanos, 50),
                    RouteBenchmark.percentile(rescoredNanos, 99),
                    recall(rescored, exact, k),
                    heap.getUsed() / MB,
                    heap.getMax() / MB,
                    status.getOrDefault("VmRSS", -1L) / 1024,
                    status.getOrDefault("RssAnon", -1L) / 1024,
                    status.getOrDefault("RssFile", -1L) / 1024,
                    sizeOf(dir) / MB,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** The share of the true k nearest found, over all queries. */
    static double recall(int[][] found, int[][] exact, int k) {
        long hits = 0;
        for (int q = 0; q < found.length; q++) {
            var truth = IntStream.of(exact[q]).boxed().collect(Collectors.toSet());
            hits += IntStream.of(found[q]).filter(truth::contains).count();
        }
        return Math.round(hits * 10_000.0 / ((long) found.length * k)) / 10_000.0;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process's memory as Linux reports it (kB); empty elsewhere. */
    private static final class ProcStatus {
        static Map<String, Long> read() {
            Path status = Path.of("/proc/self/status");
            if (!Files.isReadable(status)) {
                return Map.of();
            }
            try (Stream<String> lines = Files.lines(status)) {
                return lines.filter(l -> l.matches("(VmRSS|RssAnon|RssFile):\\s+\\d+ kB"))
                        .collect(Collectors.toMap(
                                l -> l.substring(0, l.indexOf(':')), l -> Long.parseLong(l.replaceAll("\\D", ""))));
            } catch (IOException e) {
                return Map.of();
            }
        }
    }
}
