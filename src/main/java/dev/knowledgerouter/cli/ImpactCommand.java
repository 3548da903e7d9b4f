package dev.knowledgerouter.cli;

import dev.knowledgerouter.code.ImpactReport;
import dev.knowledgerouter.code.impact.ChangedFile;
import dev.knowledgerouter.code.impact.ImpactedNode;
import dev.knowledgerouter.code.impact.PathStep;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "impact",
        mixinStandardHelpOptions = true,
        description = "What the working tree's changes against a base touch in an analysed repository, and what"
                + " depends on them: affected files, classes, functions and tests, nearest first.")
final class ImpactCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--repo", required = true, paramLabel = "N", description = "The analysed repository's name.")
    String repo;

    @Option(
            names = "--base",
            paramLabel = "REF",
            description = "The branch, tag or commit to compare the working tree with (default HEAD).")
    String base;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            ImpactReport r = backend.impact(repo, Optional.ofNullable(base));
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            if (r.files().isEmpty()) {
                ctx.err().println("no changes against " + r.base());
                return 0;
            }
            ctx.out().println(r.files().size() + " file(s) changed against " + r.base() + ":");
            for (ChangedFile f : r.files()) {
                String was = f.previousPath() == null ? "" : " (was " + f.previousPath() + ")";
                String missing = f.inGraph() ? "" : "  [not in the analysed graph]";
                ctx.out().printf(Locale.ROOT, "  %-9s %s%s%s%n", f.status(), f.path(), was, missing);
            }
            section(ctx, "changed", r.changed());
            section(ctx, "affected", r.affected());
            section(ctx, "tests", r.tests());
            return 0;
        }
    }

    private static void section(KrContext ctx, String title, List<ImpactedNode> nodes) {
        ctx.out().println(title + " (" + nodes.size() + "):");
        for (ImpactedNode n : nodes) {
            String where = n.lineRange() == null
                    ? n.filePath()
                    : n.filePath() + ":" + n.lineRange().start() + "-"
                            + n.lineRange().end();
            ctx.out()
                    .printf(Locale.ROOT, "  %d  %-8s %s  %s%s%n", n.distance(), n.type(), where, n.id(), via(n.path()));
        }
    }

    /** The last edge on the way, which says why the node is listed. */
    private static String via(List<PathStep> path) {
        if (path.isEmpty()) {
            return "";
        }
        PathStep last = path.getLast();
        return "  (" + last.source() + " " + last.type() + " " + last.target() + ")";
    }
}
