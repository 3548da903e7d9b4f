package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.CollectionInfo;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "collections",
        mixinStandardHelpOptions = true,
        description = "List the collections with their kind, size and embedder.")
final class CollectionsCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--json", description = "Print the collections as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            List<CollectionInfo> collections = backend.collections();
            if (json) {
                ctx.printJson(collections);
                return 0;
            }
            for (CollectionInfo c : collections) {
                ctx.out()
                        .printf(
                                Locale.ROOT,
                                "%-22s %-9s %8d  %s (%d-d)%n",
                                c.name(),
                                c.kind(),
                                c.count(),
                                c.embedder(),
                                c.dimension());
            }
            return 0;
        }
    }
}
