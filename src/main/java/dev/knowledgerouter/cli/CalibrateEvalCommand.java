package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.eval.Calibration;
import dev.knowledgerouter.eval.CalibrationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kr eval calibrate}: where the relevance thresholds should sit for the configured embedder. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure where the relevance thresholds should sit for the configured embedder.",
            "Runs labelled queries ({\"query\", \"expect\": \"collection/id\" or null}) through production retrieval on a store",
            "seeded from the seed data, and prints hit rates, score distributions and the lowest threshold per target precision,",
            "and how often direct reuse would answer with the wrong entry at each reuse bar from 0.85 to 0.95."
        })
final class CalibrateEvalCommand implements Callable<Integer> {
    @ParentCommand
    EvalCommand eval;

    @Option(
            names = "--queries",
            paramLabel = "FILE",
            defaultValue = "eval/calibration/queries.jsonl",
            description = "Labelled queries, JSON lines (default ${DEFAULT-VALUE}, relative to the project folder).")
    Path queries;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Store to seed and search (default $KR_HOME/eval/calibration).")
    Path dir;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = eval.parent.context();
        KrConfig base = ctx.config();
        Path file = queries.isAbsolute() || Files.exists(queries)
                ? queries
                : base.seedDir().getParent().resolve(queries);
        if (!Files.isRegularFile(file)) {
            throw new CliException("no query file at " + file + "; pass --queries FILE");
        }
        Path home =
                dir != null ? dir.toAbsolutePath() : base.home().resolve("eval").resolve("calibration");
        // Thresholds belong to the embedder, not the store: a scratch Lucene store keeps a Qdrant in use out of it.
        KrConfig config = base.withHome(home).withStore(base.store().withKind(StoreSettings.Kind.LUCENE));
        TerminalProgress progress = TerminalProgress.on(ctx.err());
        try (App app = App.open(config)) {
            app.seeder().seedDirectory(config.seedDir(), progress);
            Calibration calibration = new Calibration(q -> app.searches().search(q, Optional.empty(), 5));
            CalibrationReport r = calibration.run(app.embedder().id(), Calibration.read(file), progress);
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            var out = ctx.out();
            out.printf(
                    Locale.ROOT,
                    "embedder %s, %d queries (%d answerable): hit@1 %.3f, hit@5 %.3f%n",
                    r.embedder(),
                    r.queries(),
                    r.answerable(),
                    r.hitAt1(),
                    r.hitAt5());
            out.printf(
                    Locale.ROOT,
                    "top score, right answer first (n=%d): p10 %.3f  p50 %.3f  p90 %.3f%n",
                    r.answered().n(),
                    r.answered().p10(),
                    r.answered().p50(),
                    r.answered().p90());
            out.printf(
                    Locale.ROOT,
                    "top score, no right answer    (n=%d): p10 %.3f  p50 %.3f  p90 %.3f%n",
                    r.unanswered().n(),
                    r.unanswered().p10(),
                    r.unanswered().p50(),
                    r.unanswered().p90());
            out.println("threshold  above  precision  recall");
            r.curve().stream()
                    .filter(p -> Math.round(p.threshold() * 100) % 5 == 0)
                    .forEach(p -> out.printf(
                            Locale.ROOT,
                            "  %.2f     %4d     %.3f    %.3f%n",
                            p.threshold(),
                            p.above(),
                            p.precision(),
                            p.recall()));
            out.println("reuse bar  reused  wrong  wrong rate");
            r.reuse()
                    .forEach(p -> out.printf(
                            Locale.ROOT,
                            "  %.2f     %4d   %4d     %.3f%n",
                            p.bar(),
                            p.reused(),
                            p.wrong(),
                            p.wrongRate()));
            r.recommended()
                    .forEach(rec -> out.printf(
                            Locale.ROOT,
                            "precision >= %.2f: relevance_above %.2f (precision %.3f, recall %.3f)%n",
                            rec.targetPrecision(),
                            rec.threshold(),
                            rec.precision(),
                            rec.recall()));
            return 0;
        }
    }
}
