package dev.knowledgerouter.cli;

import dev.knowledgerouter.eval.CascadeReport;
import dev.knowledgerouter.eval.PolicyQuality;
import dev.knowledgerouter.eval.SeedResult;
import dev.knowledgerouter.eval.ThresholdOutcome;
import java.io.PrintStream;
import java.util.Locale;

/** A routing comparison as a table: APGR per router and seed, then the means with CPT(50%) and CPT(80%). */
final class CascadeTable {
    private CascadeTable() {}

    static void print(CascadeReport r, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%d prompts, train fraction %.2f; weak model quality %.3f, strong %.3f%n",
                r.prompts(),
                r.trainFraction(),
                r.weakQuality(),
                r.strongQuality());
        out.printf(Locale.ROOT, "%6s %8s %8s %8s %8s%n", "seed", "pre", "cascade", "combined", "random");
        for (SeedResult s : r.seeds()) {
            out.printf(
                    Locale.ROOT,
                    "%6d %8s %8s %8s %8s%n",
                    s.seed(),
                    apgr(s.pre()),
                    apgr(s.cascade()),
                    apgr(s.combined()),
                    apgr(s.random()));
        }
        CascadeReport.Means m = r.mean();
        out.printf(
                Locale.ROOT,
                "%6s %8s %8s %8s %8s   (APGR)%n",
                "mean",
                apgr(m.pre()),
                apgr(m.cascade()),
                apgr(m.combined()),
                apgr(m.random()));
        out.printf(
                Locale.ROOT,
                "%6s %8s %8s %8s %8s   (CPT(50%%))%n",
                "",
                cpt(m.pre(), true),
                cpt(m.cascade(), true),
                cpt(m.combined(), true),
                cpt(m.random(), true));
        out.printf(
                Locale.ROOT,
                "%6s %8s %8s %8s %8s   (CPT(80%%))%n",
                "",
                cpt(m.pre(), false),
                cpt(m.cascade(), false),
                cpt(m.combined(), false),
                cpt(m.random(), false));
        if (r.combination() != null) {
            out.println("combined: " + r.combination());
        }
        if (!r.seeds().isEmpty() && !r.seeds().getFirst().thresholds().isEmpty()) {
            out.println("escalation thresholds (first seed): share escalated, PGR reached");
            for (ThresholdOutcome t : r.seeds().getFirst().thresholds()) {
                out.printf(
                        Locale.ROOT,
                        "  %-9s >= %.2f  %5.1f%%  PGR %.3f%n",
                        t.profile(),
                        t.threshold(),
                        t.escalated() * 100,
                        t.pgr());
            }
        }
    }

    private static String apgr(PolicyQuality q) {
        return q == null ? "-" : String.format(Locale.ROOT, "%.4f", q.apgr());
    }

    private static String cpt(PolicyQuality q, boolean fifty) {
        return q == null ? "-" : String.format(Locale.ROOT, "%.3f", fifty ? q.cpt50() : q.cpt80());
    }
}
