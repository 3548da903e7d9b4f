package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.eval.RouteBenchResult;
import dev.knowledgerouter.eval.RouteBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.")
final class BenchCommand implements Runnable {
    /** The benchmarks, in the order the help lists them; {@link Main} gives picocli only the one a run names. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            BenchCommand.Route.class,
            VerifyBenchCommand.class,
            ScaleBenchCommand.class,
            FirstTokenBenchCommand.class,
            ParseBenchCommand.class);

    @ParentCommand
    KrCommand parent;

    @Override
    public void run() {
        throw new CliException(
                "name a benchmark: `kr bench route --help`, `kr bench verify --help`, `kr bench scale --help`"
                        + ", `kr bench first-token --help` or `kr bench parse --help`");
    }

    @Command(
            name = "route",
            mixinStandardHelpOptions = true,
            description = {
                "Measure the route decision (embed + search every knowledge collection + decide, no model call)",
                "against the bare query embedding, on a store filled to --entries with seed data plus generated entries.",
                "The filled store is kept under --dir and reused by later runs of the same size."
            })
    static final class Route implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Option(
                names = "--entries",
                paramLabel = "N",
                defaultValue = "10000",
                description = "Entries in the knowledge collections (default ${DEFAULT-VALUE}).")
        long entries;

        @Option(
                names = "--queries",
                paramLabel = "N",
                defaultValue = "500",
                description = "Measured queries after warm-up (default ${DEFAULT-VALUE}).")
        int queries;

        @Option(
                names = "--warmup",
                paramLabel = "N",
                defaultValue = "500",
                description = "Decisions routed unmeasured first, so the JIT has compiled the search (default"
                        + " ${DEFAULT-VALUE}).")
        int warmup;

        @Option(
                names = "--dir",
                paramLabel = "DIR",
                description = "Where the benchmark store lives (default $KR_HOME/bench/route-<entries>).")
        Path dir;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (entries < 1 || queries < 1) {
                throw new CliException("--entries and --queries must be positive");
            }
            if (warmup < 0) {
                throw new CliException("--warmup must be 0 or more");
            }
            KrContext ctx = bench.parent.context();
            KrConfig base = ctx.config();
            Path home = dir != null
                    ? dir.toAbsolutePath()
                    : base.home().resolve("bench").resolve("route-" + entries);
            // The benchmark cycles its questions: remembered query vectors would skip the embedding it compares with.
            KrConfig config = base.withHome(home).withEmbedder(base.embedder().withQueryCacheEntries(0));
            TerminalProgress progress = TerminalProgress.on(ctx.err());
            try (App app = App.open(config)) {
                RouteBenchmark benchmark = new RouteBenchmark(app);
                double fill = benchmark.fill(entries, progress);
                RouteBenchResult r = benchmark.measure(warmup, queries, fill, progress);
                if (json) {
                    ctx.printJson(r);
                } else {
                    ctx.out()
                            .printf(
                                    Locale.ROOT,
                                    "entries %d, queries %d, %d cores%n",
                                    r.entries(),
                                    r.queries(),
                                    r.cores());
                    ctx.out().printf(Locale.ROOT, "route decision  p50 %.3f ms  p99 %.3f ms%n", r.p50Ms(), r.p99Ms());
                    ctx.out()
                            .printf(
                                    Locale.ROOT,
                                    "embedding       p50 %.3f ms  p99 %.3f ms%n",
                                    r.embedP50Ms(),
                                    r.embedP99Ms());
                    ctx.out()
                            .printf(
                                    Locale.ROOT,
                                    "search (all)    p50 %.3f ms  p99 %.3f ms%n",
                                    r.searchP50Ms(),
                                    r.searchP99Ms());
                    ctx.out().printf(Locale.ROOT, "overhead ratio  %.3f (route p50 / embed p50)%n", r.overheadRatio());
                }
                return 0;
            }
        }
    }
}
