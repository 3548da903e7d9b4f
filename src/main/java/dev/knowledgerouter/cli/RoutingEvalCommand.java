package dev.knowledgerouter.cli;

import dev.knowledgerouter.eval.CascadeEvaluation;
import dev.knowledgerouter.eval.CascadeReport;
import dev.knowledgerouter.eval.RouteLlmData;
import dev.knowledgerouter.eval.RoutingEvalResult;
import dev.knowledgerouter.eval.RoutingEvaluation;
import dev.knowledgerouter.eval.RoutingPolicy;
import dev.knowledgerouter.eval.VerifierFitting;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import dev.knowledgerouter.verify.EscalationThresholds;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kr eval routing}: routing quality on RouteLLM data, one router or a comparison per seed. */
@Command(
        name = "routing",
        mixinStandardHelpOptions = true,
        description = {
            "Measure routing quality on RouteLLM-layout CSV data (prompt, weak correct, strong correct," + " ...).",
            "Without --policy: the training split is stored as interaction history, a gain model (remote minus"
                    + " local success)",
            "is trained on it, each test prompt is ranked by its predicted gain, and APGR, CPT(50%%) and"
                    + " CPT(80%%) are printed.",
            "With --policy (or --cascade): per seed, the pre-router, the cascade (the answer verifier fitted"
                    + " on the training",
            "split's weak-model answers, from a <weak model>_response column), their combination and a random"
                    + " router."
        })
final class RoutingEvalCommand implements Callable<Integer> {
    @ParentCommand
    EvalCommand eval;

    @Option(
            names = "--data",
            paramLabel = "PATH",
            required = true,
            arity = "1..*",
            description = "CSV files or folders of them.")
    List<Path> data;

    @Option(
            names = "--train-fraction",
            paramLabel = "F",
            defaultValue = "0.5",
            description = "Share of prompts stored as history (default ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(
            names = "--seed",
            paramLabel = "N[-M]",
            defaultValue = "1",
            split = ",",
            description = "Seeds of the shuffle before the split: numbers and ranges, e.g. 1-10 or 1,4,7 (default"
                    + " ${DEFAULT-VALUE}).")
    List<String> seeds;

    @Option(
            names = "--k",
            paramLabel = "N",
            defaultValue = "20",
            description = "Neighbours per prompt for the reference neighbour estimate (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            description = "pre, cascade or both: the routers to compare on each seed's split.")
    String policy;

    @Option(names = "--cascade", description = "Same as --policy both.")
    boolean cascade;

    @Option(names = "--json", description = "Print the result as JSON (alone on stdout; progress goes to stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KrContext ctx = eval.parent.context();
        List<Long> seedList = SeedRange.parse(seeds);
        RoutingPolicy chosen = policy != null
                ? RoutingPolicy.parse(policy)
                : cascade ? RoutingPolicy.BOTH : seedList.size() > 1 ? RoutingPolicy.PRE : null;
        if (cascade && chosen != RoutingPolicy.BOTH) {
            throw new CliException("--cascade means --policy both; pass one of them");
        }
        List<RouteLlmData.Row> rows = RouteLlmData.read(data);
        Path work = OwnerOnly.createDirectories(ctx.config().home().resolve("eval"))
                .resolve("routing-" + ProcessHandle.current().pid());
        if (chosen != null) {
            return compare(ctx, rows, seedList, chosen, work);
        }
        RoutingEvalResult r;
        try {
            r = new RoutingEvaluation(new InProcessEmbedder(), work, k)
                    .run(rows, trainFraction, seedList.getFirst(), TerminalProgress.on(ctx.err()));
        } finally {
            ScratchFolders.delete(work);
        }
        if (json) {
            ctx.printJson(r);
            return 0;
        }
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "%d test prompts (%d stored as history), seed %d%n",
                        r.testPrompts(),
                        r.trainPrompts(),
                        r.seed());
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "APGR %.4f   CPT(50%%) %.3f   CPT(80%%) %.3f   (random router APGR %.2f)%n",
                        r.apgr(),
                        r.cpt50(),
                        r.cpt80(),
                        r.randomApgr());
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "for reference on this split: nearest-neighbour estimate %.4f, prompt length %.4f%n",
                        r.neighbourOnlyApgr(),
                        r.lengthOnlyApgr());
        return 0;
    }

    private int compare(
            KrContext ctx, List<RouteLlmData.Row> rows, List<Long> seedList, RoutingPolicy chosen, Path work)
            throws Exception {
        InProcessEmbedder embedder = chosen == RoutingPolicy.CASCADE ? null : new InProcessEmbedder();
        CascadeReport report;
        try {
            report = new CascadeEvaluation(embedder, work, k, VerifierFitting.PENALTY, EscalationThresholds.DEFAULTS)
                    .run(rows, trainFraction, seedList, chosen, TerminalProgress.on(ctx.err()));
        } finally {
            ScratchFolders.delete(work);
        }
        if (json) {
            ctx.printJson(report);
        } else {
            CascadeTable.print(report, ctx.out());
        }
        return 0;
    }
}
