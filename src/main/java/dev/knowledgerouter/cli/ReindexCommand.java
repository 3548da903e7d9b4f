package dev.knowledgerouter.cli;

import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import dev.knowledgerouter.knowledge.lucene.LuceneReindexer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "reindex",
        mixinStandardHelpOptions = true,
        description = {
            "Re-embed collections that were filled by another embedder than the configured one.",
            "Every stored entry (interactions included) is embedded again from its payload into a fresh index;",
            "the old index is kept beside it as <collection>.previous-<time> until you delete it."
        })
final class ReindexCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--collection", paramLabel = "C", description = "Only this collection.")
    String collection;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        KrConfig config = ctx.config();
        ctx.runningServer().ifPresent(s -> {
            throw new CliException("`kr serve` is running on this home (pid " + s.pid()
                    + ") and owns the store; stop it before `kr reindex`");
        });
        CollectionCatalog catalog = CollectionCatalog.load(config.collectionsDir());
        List<CollectionDefinition> targets = collection == null
                ? catalog.all()
                : List.of(catalog.find(collection)
                        .orElseThrow(() -> new UnknownCollectionException(
                                collection,
                                catalog.all().stream()
                                        .map(CollectionDefinition::name)
                                        .toList())));
        LuceneReindexer reindexer = new LuceneReindexer(config.luceneDir(), new InProcessEmbedder());
        for (CollectionDefinition c : targets) {
            LuceneReindexer.Result r = reindexer.reindex(c, TerminalProgress.on(ctx.err()));
            if (r.previous().isPresent()) {
                ctx.out()
                        .println(c.name() + ": " + r.entries() + " entries re-embedded (were " + r.from()
                                + "); old index kept at " + r.previous().get());
            } else {
                ctx.out().println(c.name() + ": nothing to do (" + r.from() + ")");
            }
        }
        return 0;
    }
}
