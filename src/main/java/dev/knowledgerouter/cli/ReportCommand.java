package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.report.HtmlReport;
import dev.knowledgerouter.report.MarkdownReport;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.report.ThresholdChanges;
import dev.knowledgerouter.report.TuningChange;
import dev.knowledgerouter.report.TuningLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "The routing report for the last N days: route shares against the local target (report.targets),",
            "relevance per route, failure and escalation rates, feedback, spend and estimated saving, the queries",
            "that fail locally most, thresholds tuned by replaying the period, and the trends over the weeks",
            "kr serve archived.",
            "--apply writes the tuned thresholds into kr.yaml (with a backup) when the sample is large enough;",
            "--revert restores the thresholds from before the latest change. Every change goes to",
            "$KR_HOME/reports/tuning.jsonl. `kr report list` lists the archived weeks."
        },
        subcommands = {ReportListCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:report printed (and thresholds applied, with --apply; restored, with --revert)",
            "1:error",
            "3:--apply or --revert: nothing written (see the message)"
        })
final class ReportCommand implements Callable<Integer> {
    static final int NOT_APPLIED = 3;

    @ParentCommand
    KrCommand parent;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "7",
            description = "Period: the last N days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--format", paramLabel = "FMT", description = "md, html or json (default md; json with --json).")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Profile whose thresholds are tuned (default: routing.default_profile).")
    String profile;

    @Option(
            names = "--apply",
            description =
                    "Write the recommended thresholds into kr.yaml, keeping a backup, when the sample is large enough.")
    boolean apply;

    @Option(
            names = "--revert",
            description = "Restore the thresholds from before the latest change (--apply or auto-apply), keeping a"
                    + " backup of kr.yaml; prints no report.")
    boolean revert;

    @Override
    public Integer call() throws IOException {
        KrContext ctx = parent.context();
        if (revert) {
            if (apply) {
                throw new CliException("--apply and --revert undo each other; give one of them");
            }
            return revert(ctx);
        }
        String fmt = json
                ? "json"
                : Optional.ofNullable(format)
                        .map(f -> f.strip().toLowerCase(Locale.ROOT))
                        .orElse("md");
        if (!fmt.equals("md") && !fmt.equals("html") && !fmt.equals("json")) {
            throw new CliException("--format must be md, html or json, got '" + format + "'");
        }
        RoutingReport report;
        try (Backend backend = ctx.backend()) {
            report = backend.report(days, Optional.ofNullable(profile));
        }
        String text = switch (fmt) {
            case "html" -> HtmlReport.render(report);
            case "json" -> WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
            default -> MarkdownReport.render(report);
        };
        if (out != null) {
            Path parentDir = out.toAbsolutePath().getParent();
            if (parentDir != null && !Files.isDirectory(parentDir)) {
                throw new CliException("cannot write " + out + ": folder " + parentDir + " does not exist");
            }
            // The report quotes stored questions: a new file is private to its owner; an existing one keeps its mode.
            try (FileChannel file = OwnerOnly.open(
                    out, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
            }
            ctx.err().println("kr: wrote the " + fmt + " report to " + out);
        } else {
            ctx.out().print(text.endsWith("\n") ? text : text + "\n");
        }
        return apply ? apply(ctx, report) : 0;
    }

    private int apply(KrContext ctx, RoutingReport report) {
        RoutingReport.Tuning tuning = report.tuning();
        if (tuning.recommended() == null || !tuning.applicable()) {
            ctx.err().println("kr: --apply: nothing written: " + tuning.verdict());
            return NOT_APPLIED;
        }
        TuningChange change = changes(ctx)
                .apply(
                        tuning,
                        "kr report --apply",
                        report.trends() == null ? null : report.trends().week());
        ctx.err()
                .println("kr: --apply: wrote profile '" + tuning.profile() + "' thresholds to " + change.config()
                        + (change.backup() == null ? "" : " (previous file kept as " + change.backup() + ")")
                        + "; restart `kr serve` to route with them; `kr report --revert` undoes it");
        return 0;
    }

    private int revert(KrContext ctx) {
        Optional<TuningChange> reverted = changes(ctx).revert("kr report --revert");
        if (reverted.isEmpty()) {
            ctx.err()
                    .println("kr: --revert: nothing written: the tuning log has no threshold change left to undo ("
                            + ctx.config().reportsDir().resolve(TuningLog.FILE) + ")");
            return NOT_APPLIED;
        }
        TuningChange c = reverted.get();
        ctx.err()
                .println("kr: --revert: profile '" + c.profile() + "' is back to " + rules(c.after()) + " in "
                        + c.config()
                        + (c.backup() == null ? "" : " (previous file kept as " + c.backup() + ")")
                        + "; restart `kr serve` to route with them");
        return 0;
    }

    private static ThresholdChanges changes(KrContext ctx) {
        return new ThresholdChanges(
                ctx.configFile(), new TuningLog(ctx.config().reportsDir(), WireJson.mapper()), Clock.systemUTC());
    }

    private static String rules(List<LocalRule> rules) {
        return rules.isEmpty()
                ? "no rule (nothing goes local)"
                : rules.stream()
                        .map(r -> String.format(
                                Locale.ROOT,
                                "relevance > %.2f & complexity < %d",
                                r.relevanceAbove(),
                                r.complexityBelow()))
                        .collect(Collectors.joining(", or "));
    }
}
