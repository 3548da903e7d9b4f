package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.EmbedderFactory;
import dev.knowledgerouter.app.StoreFactory;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.config.EmbedderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.migration.MigrationReport;
import dev.knowledgerouter.knowledge.migration.StoreMigration;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Copies every collection (knowledge, interaction history, analysed code) from the configured store to the other one:",
            "`--to qdrant` from the embedded Lucene store, `--to lucene` back. Vectors are copied as they are when both sides use",
            "the same embedder and re-embedded from the stored text when --embedder differs. The source is never changed.",
            "Interrupted runs resume where they stopped (checkpoint under $KR_HOME/migrate/). Stop `kr serve` first."
        })
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--to", required = true, paramLabel = "STORE", description = "Target store: qdrant or lucene.")
    String to;

    @Option(
            names = "--embedder",
            paramLabel = "KIND",
            description = "Embedder of the target: local or ollama (default: the configured one).")
    String embedder;

    @Option(names = "--batch", paramLabel = "N", description = "Entries per write (default ${DEFAULT-VALUE}).")
    int batch = StoreMigration.DEFAULT_BATCH;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        KrConfig config = ctx.config();
        StoreSettings.Kind target = StoreSettings.Kind.parse(to);
        EmbedderSettings.Kind targetEmbedderKind =
                embedder == null ? config.embedder().kind() : EmbedderSettings.Kind.parse(embedder);
        if (target == config.store().kind()) {
            throw new CliException(
                    "the configured store is already " + target.label() + "; migrate copies to the other store (--to "
                            + (target == StoreSettings.Kind.LUCENE ? "qdrant" : "lucene")
                            + "). To re-embed in place, use `kr reindex`");
        }
        if (batch < 1 || batch > 10_000) {
            throw new CliException("--batch must be between 1 and 10000, got " + batch);
        }
        try (App source = ctx.openExclusive("migrate")) {
            source.code().repositories().forEach(r -> source.store().open(CodeIndex.definition(r)));
            Embedder targetEmbedder = targetEmbedderKind == config.embedder().kind()
                    ? source.embedder()
                    : EmbedderFactory.create(config, targetEmbedderKind);
            // Code keeps its own embedder unless it is the knowledge embedder, which the target may change.
            EmbedderIdentity targetCode = source.codeEmbedder() == source.embedder()
                    ? EmbedderIdentity.of(targetEmbedder)
                    : EmbedderIdentity.of(source.codeEmbedder());
            CollectionEmbedders targetIdentities =
                    new CollectionEmbedders(EmbedderIdentity.of(targetEmbedder), targetCode);
            try (KnowledgeStore targetStore = StoreFactory.open(config, target, targetIdentities)) {
                Path checkpoint = config.home()
                        .resolve("migrate")
                        .resolve(config.store().kind().label() + "-to-" + target.label() + ".json");
                StoreMigration migration = new StoreMigration(
                        new StoreMigration.Endpoint(
                                source.store(), describe(config, config.store().kind())),
                        new StoreMigration.Endpoint(targetStore, describe(config, target)),
                        targetEmbedder,
                        checkpoint,
                        batch);
                MigrationReport report = migration.run(TerminalProgress.on(ctx.err()));
                if (json) {
                    ctx.printJson(report);
                } else {
                    print(ctx, report, target, targetEmbedderKind);
                }
                return report.complete() ? 0 : 1;
            }
        }
    }

    private static String describe(KrConfig config, StoreSettings.Kind kind) {
        return kind == StoreSettings.Kind.QDRANT
                ? "qdrant at " + config.store().qdrantUrl()
                        + (config.store().collectionPrefix().isEmpty()
                                ? ""
                                : " (prefix " + config.store().collectionPrefix() + ")")
                : "lucene at " + config.luceneDir();
    }

    private static void print(
            KrContext ctx, MigrationReport r, StoreSettings.Kind target, EmbedderSettings.Kind embedderKind) {
        ctx.out().printf(Locale.ROOT, "%s -> %s%n", r.source(), r.target());
        for (MigrationReport.CollectionReport c : r.collections()) {
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "  %-28s copied %7d  already there %7d  %s  source %d, target %d%s%n",
                            c.collection(),
                            c.copied(),
                            c.skipped(),
                            c.reembedded() ? "re-embedded" : "vectors copied",
                            c.sourceCount(),
                            c.targetCount(),
                            c.verified() ? "" : "  SHORT");
        }
        r.notes().forEach(n -> ctx.out().println("note: " + n));
        ctx.out().printf(Locale.ROOT, "%d entries copied in %.1f s%n", r.copied(), r.seconds());
        if (r.complete()) {
            ctx.out()
                    .println("done; to use it, set `store: " + target.label() + "` and `embedder: "
                            + embedderKind.label() + "` in kr.yaml (or KR_STORE=" + target.label() + " KR_EMBEDDER="
                            + embedderKind.label() + "); the source is unchanged");
        }
    }
}
