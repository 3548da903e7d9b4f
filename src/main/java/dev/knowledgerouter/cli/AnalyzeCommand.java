package dev.knowledgerouter.cli;

import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.OverviewSummary;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.graph.GraphCorrection;
import dev.knowledgerouter.code.scan.CredentialSkip;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyse a repository with tree-sitter into a code graph ($KR_HOME/graphs/NAME/graph.json) and index its nodes for kr code-search.",
            "Re-running re-parses only changed files. Summaries come from the parser, or from the local model with --summaries local."
        })
final class AnalyzeCommand implements Callable<Integer> {
    private static final int SHOWN_CORRECTIONS = 10;
    private static final int SHOWN_CREDENTIAL_SKIPS = 20;

    @ParentCommand
    KrCommand parent;

    @Parameters(index = "0", paramLabel = "PATH", description = "The repository's root folder.")
    Path path;

    @Option(
            names = "--name",
            paramLabel = "N",
            description = "Repository name (default: the folder's name, lower-cased).")
    String name;

    @Option(
            names = "--summaries",
            paramLabel = "none|local",
            defaultValue = "none",
            description =
                    "Who writes node summaries: none (the parser's own) or local (the Ollama model; failures fall back). Default ${DEFAULT-VALUE}.")
    String summaries;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SummaryMode mode = SummaryMode.parse(summaries);
        if (name != null) {
            CodeIndex.checkName(name);
        }
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            AnalysisResult r = backend.analyze(path, Optional.ofNullable(name), mode, TerminalProgress.on(ctx.err()));
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            print(ctx, r);
            return 0;
        }
    }

    private static void print(KrContext ctx, AnalysisResult r) {
        var out = ctx.out();
        out.printf(Locale.ROOT, "analysed %s as '%s' in %.1f s%n", r.root(), r.name(), r.seconds());
        out.printf(
                Locale.ROOT,
                "files     %d (%d parsed, %d unchanged, %d deleted)%n",
                r.files(),
                r.parsed(),
                r.files() - r.parsed(),
                r.deleted());
        if (!r.skipped().isEmpty()) {
            out.println("skipped   " + join(r.skipped()));
        }
        printCredentialSkips(out, r);
        out.printf(Locale.ROOT, "nodes     %d: %s%n", r.nodes(), join(r.nodesByType()));
        out.printf(Locale.ROOT, "edges     %d: %s%n", r.edges(), join(r.edgesByType()));
        var s = r.resolution();
        out.printf(
                Locale.ROOT,
                "imports   %d resolved in the repository, %d to %d external modules (unresolved)%n",
                s.importsResolved(),
                s.importsExternal(),
                s.externalModules());
        out.printf(
                Locale.ROOT,
                "types     %d supertypes linked, %d outside the repository or not found%n",
                s.supertypesResolved(),
                s.supertypesUnresolved());
        out.printf(
                Locale.ROOT,
                "calls     %d linked, %d left out (no single candidate)%n",
                s.callsResolved(),
                s.callsUnresolved());
        if (!r.summaryModel().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "summaries %s: %d batches ok, %d failed (structural summaries kept)%n",
                    r.summaryModel(),
                    r.summaryBatchesOk(),
                    r.summaryBatchesFailed());
            r.summaryFailures().stream()
                    .limit(SHOWN_CORRECTIONS)
                    .forEach(f -> ctx.err().println("  failed batch: " + f));
        }
        printOverview(ctx, r.overview());
        out.printf(Locale.ROOT, "validated %d corrections%n", r.corrections().size());
        for (GraphCorrection c : r.corrections()
                .subList(0, Math.min(SHOWN_CORRECTIONS, r.corrections().size()))) {
            out.println("  " + c.action() + " " + c.path() + ": " + c.message());
        }
        out.printf(
                Locale.ROOT,
                "index     %s: %d entries written, %d removed%n",
                r.collection(),
                r.indexed(),
                r.unindexed());
        out.println("graph     " + r.graphFile());
    }

    /** The layers from the top of the import graph down, with the tour's length, frameworks and description. */
    private static void printOverview(KrContext ctx, OverviewSummary o) {
        if (o == null) {
            return;
        }
        var out = ctx.out();
        if (!o.description().isBlank()) {
            out.println("project   " + o.description());
        }
        if (!o.frameworks().isEmpty()) {
            out.println("uses      " + String.join(", ", o.frameworks()));
        }
        String by = o.describedBy() == null || o.describedBy().equals("structure")
                ? "from structure"
                : "named by " + o.describedBy();
        out.printf(
                Locale.ROOT,
                "layers    %d (%s), tour of %d stops:%n",
                o.layers().size(),
                by,
                o.tourStops());
        for (OverviewSummary.LayerCount layer : o.layers()) {
            out.printf(Locale.ROOT, "  %-28s %4d files  %s%n", layer.name(), layer.files(), layer.id());
        }
        o.failures().forEach(f -> ctx.err().println("  overview step failed (structural result kept): " + f));
    }

    /** Where credentials were found and of what kind; the values are never part of the result. */
    private static void printCredentialSkips(PrintStream out, AnalysisResult r) {
        List<CredentialSkip> skips = r.credentialSkips();
        if (skips.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "withheld  %d as credentials (not indexed, not sent to a model):%n", skips.size());
        skips.stream().limit(SHOWN_CREDENTIAL_SKIPS).forEach(s -> out.println("  " + s));
        if (skips.size() > SHOWN_CREDENTIAL_SKIPS) {
            int more = skips.size() - SHOWN_CREDENTIAL_SKIPS;
            out.printf(Locale.ROOT, "  ... and %d more (--json lists them all)%n", more);
        }
    }

    /** Counts by name as {@code name 3, other 1}. */
    static String join(Map<String, Integer> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) ->
                s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return s.toString();
    }
}
