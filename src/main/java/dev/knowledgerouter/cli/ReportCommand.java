package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.report.HtmlReport;
import dev.knowledgerouter.report.MarkdownReport;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.report.ThresholdsFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "The routing report for the last N days: route shares against the 70%% local target, relevance per route,",
            "failure and escalation rates, feedback, spend and estimated saving, the queries that fail locally most,",
            "and thresholds tuned by replaying the period. --apply writes the tuned thresholds into kr.yaml (with a backup)",
            "when the sample is large enough; exit status 3 when it is not applied."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:report printed (and thresholds applied, with --apply)",
            "1:error",
            "3:--apply: nothing written (see the message)"
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

    @Override
    public Integer call() throws IOException {
        KrContext ctx = parent.context();
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
        return apply ? apply(ctx, report.tuning()) : 0;
    }

    private int apply(KrContext ctx, RoutingReport.Tuning tuning) {
        if (tuning.recommended() == null || !tuning.applicable()) {
            ctx.err().println("kr: --apply: nothing written: " + tuning.verdict());
            return NOT_APPLIED;
        }
        ThresholdsFile.Applied applied = ThresholdsFile.apply(
                ctx.configFile(), tuning.profile(), tuning.recommended().rules(), Clock.systemUTC());
        ctx.err()
                .println("kr: --apply: wrote profile '" + tuning.profile() + "' thresholds to " + applied.file()
                        + applied.backup()
                                .map(b -> " (previous file kept as " + b + ")")
                                .orElse("")
                        + "; restart `kr serve` to route with them");
        return 0;
    }
}
