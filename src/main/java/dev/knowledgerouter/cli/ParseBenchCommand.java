package dev.knowledgerouter.cli;

import dev.knowledgerouter.code.ParseBenchResult;
import dev.knowledgerouter.code.ParseBenchmark;
import dev.knowledgerouter.code.ParseRound;
import dev.knowledgerouter.code.scan.ScanPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the parse phase of `kr analyze` on a repository: scan, tree-sitter parse of every file, graph"
                    + " build,",
            "structural overview and validation, in this process with no store, no index and no model. Reports"
                    + " each step,",
            "the JVM's start-up before it, and with --rounds N the rate once the JIT has compiled the code."
        })
final class ParseBenchCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Parameters(index = "0", paramLabel = "PATH", description = "The repository's root folder.")
    Path path;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Parsing threads (default: as kr analyze, one per core up to eight).")
    Integer threads;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "1",
            description = "Passes over the repository in this process (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            throw new CliException("--threads must be 1 or more");
        }
        if (rounds < 1) {
            throw new CliException("--rounds must be 1 or more");
        }
        if (!Files.exists(path)) {
            throw new CliException("no such directory: " + path + "; pass the root folder of a repository");
        }
        if (!Files.isDirectory(path)) {
            throw new CliException(path + " is not a directory; pass the root folder of a repository");
        }
        KrContext ctx = bench.parent.context();
        if (json) {
            ctx.prepareJson();
        }
        ScanPolicy policy =
                ScanPolicy.defaults().withMaxFileBytes(ctx.config().code().maxFileBytes());
        ParseBenchmark benchmark = new ParseBenchmark(policy, threads == null ? 0 : threads, Clock.systemUTC());
        ParseBenchResult r;
        try {
            r = benchmark.measure(path, rounds, ctx.startedMillis(), TerminalProgress.on(ctx.err()));
        } catch (IOException e) {
            throw new CliException("cannot scan " + path + ": " + e.getMessage());
        }
        if (json) {
            ctx.printJson(r);
        } else {
            print(ctx.out(), r);
        }
        return 0;
    }

    private static void print(PrintStream out, ParseBenchResult r) {
        ParseRound first = r.first();
        out.printf(
                Locale.ROOT, "%s: %d files, %d threads on %d cores%n", r.root(), first.files(), r.threads(), r.cores());
        out.println("languages  " + AnalyzeCommand.join(first.filesByLanguage()));
        out.println("natives    tree-sitter " + r.treeSitterNatives());
        out.printf(
                Locale.ROOT,
                "graph      %d nodes, %d edges, %d corrections%n",
                first.nodes(),
                first.edges(),
                first.corrections());
        out.printf(
                Locale.ROOT,
                "start-up   JVM to main %.3f s, CLI set-up %.3f s%n",
                r.jvmToMainSeconds(),
                r.cliSetupSeconds());
        printRound(out, "first", first);
        if (r.rounds().size() > 1) {
            printRound(out, "best", r.best());
        }
        out.printf(
                Locale.ROOT,
                "total      %.3f s since the JVM started: %.0f files/s with start-up, %.0f without%n",
                r.totalSeconds(),
                r.filesPerSecondWithStartup(),
                r.filesPerSecond());
        out.printf(Locale.ROOT, "peak heap  %d MB%n", r.peakHeapMb());
    }

    private static void printRound(PrintStream out, String label, ParseRound round) {
        out.printf(
                Locale.ROOT,
                "%-10s round %d: scan %.3f s, parse %.3f s, graph %.3f s, validate %.3f s = %.3f s (%.0f files/s)%n",
                label,
                round.round(),
                round.scanSeconds(),
                round.parseSeconds(),
                round.graphSeconds(),
                round.validateSeconds(),
                round.seconds(),
                round.filesPerSecond());
    }
}
