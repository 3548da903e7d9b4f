package dev.knowledgerouter.cli;

import dev.knowledgerouter.eval.ScaleBenchResult;
import dev.knowledgerouter.eval.ScaleBenchmark;
import dev.knowledgerouter.knowledge.HitSelection;
import dev.knowledgerouter.knowledge.lucene.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = {
            "Measure a vector format at scale: search p50/p99, recall@k against exact search, heap and RSS, on an"
                    + " index of",
            "--entries generated unit vectors (the embedder's 384 dimensions). The index is kept under --dir; a"
                    + " second run",
            "of the same size and format measures without filling, in a process that did not build it."
        })
final class ScaleBenchCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Option(
            names = "--entries",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Vectors in the index (default ${DEFAULT-VALUE}).")
    long entries;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "float",
            converter = FormatConverter.class,
            description = "float (the store's format), int8, int7, int4 or binary (default ${DEFAULT-VALUE}).")
    VectorFormat format;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "200",
            description = "Measured queries after warm-up (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "Neighbours asked for (default 10).")
    int k;

    @Option(
            names = "--candidates",
            paramLabel = "N",
            description = "HNSW candidates per query (default: what the store asks for at --entries).")
    Integer candidates;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the index lives (default $KR_HOME/bench/scale-<format>-<entries>).")
    Path dir;

    @Option(
            names = "--from",
            paramLabel = "DIR",
            description = {
                "Make the index by converting a full index of the same --entries in another format (a --dir of an"
                        + " earlier run)",
                "instead of filling it: its graph is reused and only the vectors are re-encoded."
            })
    Path from;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (entries < 1 || queries < 1 || k < 1) {
            throw new CliException("--entries, --queries and --k must be positive");
        }
        if (candidates != null && candidates < k) {
            throw new CliException("--candidates must be at least --k (" + k + "), got " + candidates);
        }
        KrContext ctx = bench.parent.context();
        String name = "scale-" + format.name().toLowerCase(Locale.ROOT) + "-" + entries;
        Path home = dir != null
                ? dir.toAbsolutePath()
                : ctx.config().home().resolve("bench").resolve(name);
        TerminalProgress progress = TerminalProgress.on(ctx.err());
        ScaleBenchmark benchmark = new ScaleBenchmark(home, format, entries);
        double fill;
        if (from != null) {
            if (!Files.isDirectory(from)) {
                throw new CliException("--from " + from + " is not a folder; give the --dir of an earlier full run");
            }
            fill = benchmark.convert(from.toAbsolutePath(), progress);
        } else {
            fill = benchmark.fill(progress);
        }
        ScaleBenchResult r = benchmark.measure(
                queries, k, candidates != null ? candidates : HitSelection.candidates(k, entries), fill, progress);
        if (json) {
            ctx.printJson(r);
            return 0;
        }
        var out = ctx.out();
        out.printf(
                Locale.ROOT, "%s, %d entries, %d queries, %d cores%n", r.format(), r.entries(), r.queries(), r.cores());
        out.printf(
                Locale.ROOT,
                "search          p50 %.3f ms  p99 %.3f ms  recall@%d %.4f%n",
                r.searchP50Ms(),
                r.searchP99Ms(),
                r.k(),
                r.recall());
        out.printf(
                Locale.ROOT,
                "search+rescore  p50 %.3f ms  p99 %.3f ms  recall@%d %.4f%n",
                r.rescoredP50Ms(),
                r.rescoredP99Ms(),
                r.k(),
                r.rescoredRecall());
        out.printf(
                Locale.ROOT,
                "heap used %d MB (max %d MB), RSS %d MB (anon %d, file %d), index %d MB%n",
                r.heapUsedMb(),
                r.heapMaxMb(),
                r.rssMb(),
                r.rssAnonMb(),
                r.rssFileMb(),
                r.indexMb());
        if (r.fillSeconds() > 0) {
            out.printf(Locale.ROOT, "fill %.1f s%n", r.fillSeconds());
        }
        return 0;
    }

    /** Accepts the formats in lower case, as the help names them. */
    static final class FormatConverter implements ITypeConverter<VectorFormat> {
        @Override
        public VectorFormat convert(String value) {
            try {
                return VectorFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a format; use float, int8, int7, int4 or binary");
            }
        }
    }
}
