package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.seed.SeedReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = {
            "Load seed data into the knowledge collections.",
            "Without options every seed-data/<collection>.jsonl is loaded. Re-running never duplicates: entries are upserted by id,",
            "and unchanged entries are not embedded again. A file with a bad line writes nothing and names file:line."
        })
final class SeedCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(
            names = "--collection",
            paramLabel = "C",
            description = "Only this collection (its seed file, or the --file given).")
    String collection;

    @Option(
            names = "--file",
            paramLabel = "F",
            description = "A .jsonl file to load (into --collection, or the collection named like the file).")
    Path file;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        try (App app = ctx.openExclusive("seed")) {
            TerminalProgress progress = TerminalProgress.on(ctx.err());
            List<SeedReport> reports;
            if (file != null) {
                String target = collection != null
                        ? collection
                        : file.getFileName().toString().replaceFirst("\\.jsonl$", "");
                reports = List.of(app.seeder().seedFile(file, target, progress));
            } else if (collection != null) {
                reports = List.of(app.seeder()
                        .seedFile(app.config().seedDir().resolve(collection + ".jsonl"), collection, progress));
            } else {
                reports = app.seeder().seedDirectory(app.config().seedDir(), progress);
            }
            if (json) {
                ctx.printJson(reports);
            } else {
                for (SeedReport r : reports) {
                    ctx.out()
                            .printf(
                                    Locale.ROOT,
                                    "%s: %d entries (%d new, %d updated, %d unchanged) from %s in %.1f s%n",
                                    r.collection(),
                                    r.entries(),
                                    r.added(),
                                    r.updated(),
                                    r.unchanged(),
                                    r.file(),
                                    r.seconds());
                }
            }
            return 0;
        }
    }
}
