package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.report.ReportArchive;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kr report list}: the weeks kr serve archived, read from {@code $KR_HOME/reports/} (no server needed). */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "The weekly reports kr serve archived under $KR_HOME/reports/, newest first: week, how it ran,",
            "interactions, local share, whether thresholds were applied, failed notifications, and the files."
        })
final class ReportListCommand implements Callable<Integer> {
    @ParentCommand
    ReportCommand report;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = report.parent.context();
        ReportArchive archive = new ReportArchive(ctx.config().reportsDir(), WireJson.mapper());
        List<ReportArchive.Entry> weeks = archive.list();
        if (json) {
            ctx.printJson(Map.of("reports", weeks));
            return 0;
        }
        if (weeks.isEmpty()) {
            ctx.out()
                    .println("no archived weekly report in " + archive.dir()
                            + " yet; kr serve runs one on report.schedule (default Monday 06:00)");
            return 0;
        }
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "%-9s  %-9s  %12s  %11s  %-10s  %s%n",
                        "week",
                        "ran",
                        "interactions",
                        "local share",
                        "thresholds",
                        "notifications");
        for (ReportArchive.Entry e : weeks) {
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "%-9s  %-9s  %12d  %11s  %-10s  %s%n",
                            e.week(),
                            e.trigger() == null ? "?" : e.trigger(),
                            e.interactions(),
                            e.localShare() == null ? "–" : String.format(Locale.ROOT, "%.1f%%", e.localShare() * 100),
                            e.thresholdsApplied() ? "applied" : "unchanged",
                            e.notificationsFailed() == 0 ? "ok" : e.notificationsFailed() + " failed");
        }
        ctx.out().println("files: " + archive.dir().resolve("<week>.json") + " and .html");
        return 0;
    }
}
