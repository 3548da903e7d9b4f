package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.ProjectMeta;
import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.scan.ScanReport;
import dev.knowledgerouter.code.scan.ScannedContent;
import dev.knowledgerouter.code.syntax.TreeSitterNatives;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs what {@code kr analyze} runs before it indexes (scan, parse every file, build, overview from structure,
 * validate) with the same classes, but with no store, no state and no model, and times each step. Repeated rounds
 * in one process show the rate once the JIT has compiled the code, the first one the rate a single run gets.
 */
public final class ParseBenchmark {
    private final ScanPolicy policy;
    private final int threads;
    private final Clock clock;

    /** @param threads parsing threads; {@code 0} for the analysis's own choice */
    public ParseBenchmark(ScanPolicy policy, int threads, Clock clock) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more, got " + threads);
        }
        this.policy = policy;
        this.threads = threads == 0 ? ParallelParser.defaultThreads() : threads;
        this.clock = clock;
    }

    /**
     * @param mainStartedMillis when {@code main} began (epoch milliseconds), the end of the JVM's own start-up
     * @throws IOException if the root cannot be scanned
     */
    public ParseBenchResult measure(Path root, int rounds, long mainStartedMillis, Progress progress)
            throws IOException {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be 1 or more, got " + rounds);
        }
        long firstScan = System.currentTimeMillis();
        List<ParseRound> done = new ArrayList<>();
        long firstDone = 0;
        for (int i = 1; i <= rounds; i++) {
            done.add(round(i, root, progress));
            if (i == 1) {
                firstDone = System.currentTimeMillis();
            }
        }
        // Asked only now: the management beans load classes of their own, a cost of the measuring and not of the
        // start-up or the work it measures.
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        double total = (firstDone - jvmStarted) / 1e3;
        ParseRound first = done.getFirst();
        ParseRound best = done.stream()
                .min(Comparator.comparingDouble(ParseRound::seconds))
                .orElseThrow();
        return new ParseBenchResult(
                root.toAbsolutePath().normalize().toString(),
                threads,
                Runtime.getRuntime().availableProcessors(),
                (mainStartedMillis - jvmStarted) / 1e3,
                (firstScan - mainStartedMillis) / 1e3,
                first,
                best,
                done,
                total,
                first.filesPerSecond(),
                total > 0 ? first.files() / total : 0,
                peakHeapBytes() / (1024 * 1024),
                TreeSitterNatives.status().describe());
    }

    /** One pass, from the scan to the validated graph. */
    public ParseRound round(int number, Path root, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        GraphAssembly.Scanned scanned = GraphAssembly.scan(policy, root);
        ScanReport scan = scanned.report();
        ScannedContent content = scanned.content();
        long t1 = System.nanoTime();
        Map<String, FileState> files = new TreeMap<>();
        new ParallelParser(CodeLanguages.extractors(), threads)
                .parse(scan.root(), scan.files(), content, files, progress, StopSignal.never());
        long t2 = System.nanoTime();
        GraphBuilder.Result built = GraphAssembly.build(scan.root(), files, CodeLanguages::resolvers);
        List<GraphNode> nodes = NodeSummaries.describe(built.nodes(), files);
        List<String> languages = GraphAssembly.languages(files);
        OverviewStep.Outcome overview = new OverviewStep(Optional.empty())
                .run(
                        SummaryMode.NONE,
                        Optional.empty(),
                        nodes,
                        built.edges(),
                        languages,
                        path -> RepositoryAnalyzer.read(scan.root(), path),
                        progress);
        ProjectMeta meta = GraphAssembly.meta(
                scan.root().getFileName().toString(), languages, overview.overview(), scan.root(), clock);
        long t3 = System.nanoTime();
        GraphAssembly.Validated validated = GraphAssembly.validate(meta, nodes, built.edges(), overview.overview());
        long t4 = System.nanoTime();
        Map<String, Integer> byLanguage = new TreeMap<>();
        for (FileState file : files.values()) {
            byLanguage.merge(file.extraction().language().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return new ParseRound(
                number,
                files.size(),
                byLanguage,
                validated.graph().nodes().size(),
                validated.graph().edges().size(),
                validated.corrections().size(),
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                (t3 - t2) / 1e9,
                (t4 - t3) / 1e9);
    }

    /** An upper bound of the peak: each pool's own peak, summed (they need not peak at once). */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage == null ? 0 : usage.getUsed())
                .sum();
    }
}
