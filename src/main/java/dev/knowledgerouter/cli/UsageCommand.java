package dev.knowledgerouter.cli;

import dev.knowledgerouter.learn.UsageReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = {
            "Paid usage: Claude calls, tokens and cost for the last hour, today and this month (UTC), by model,",
            "calls left under the hourly cap, and the estimated saving from answers given locally."
        })
final class UsageCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            UsageReport r = backend.usage();
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            var out = ctx.out();
            out.printf(
                    Locale.ROOT,
                    "%-10s %6s %7s %12s %12s %10s%n",
                    "window",
                    "calls",
                    "failed",
                    "input tok",
                    "output tok",
                    "cost");
            row(out, "last hour", r.lastHour());
            row(out, "today", r.today());
            row(out, "month", r.month());
            for (UsageReport.ModelUsage m : r.byModel()) {
                out.printf(
                        Locale.ROOT,
                        "  %-30s %4d calls %10d in %10d out  $%.4f%n",
                        m.model(),
                        m.calls(),
                        m.inputTokens(),
                        m.outputTokens(),
                        m.costUsd());
            }
            out.printf(Locale.ROOT, "calls left this hour: %d of %d%n", r.callsLeftThisHour(), r.maxCallsPerHour());
            if (r.dailyBudgetUsd() != null || r.monthlyBudgetUsd() != null) {
                out.printf(
                        Locale.ROOT,
                        "budgets: daily %s, monthly %s%n",
                        money(r.dailyBudgetUsd()),
                        money(r.monthlyBudgetUsd()));
            }
            UsageReport.Saving s = r.estimatedSaving();
            out.printf(
                    Locale.ROOT,
                    "estimated saving this month: $%.4f (%d local answers, %d in / %d out tokens priced as %s; an estimate)%n",
                    s.usd(),
                    s.localAnswers(),
                    s.inputTokens(),
                    s.outputTokens(),
                    s.pricedAs());
            r.warnings().forEach(w -> ctx.err().println("kr: warning: " + w));
            return 0;
        }
    }

    private static void row(PrintStream out, String name, UsageReport.Window w) {
        out.printf(
                Locale.ROOT,
                "%-10s %6d %7d %12d %12d %10s%n",
                name,
                w.calls(),
                w.failedCalls(),
                w.inputTokens(),
                w.outputTokens(),
                String.format(Locale.ROOT, "$%.4f", w.costUsd()));
    }

    private static String money(Double v) {
        return v == null ? "none" : String.format(Locale.ROOT, "$%.2f", v);
    }
}
