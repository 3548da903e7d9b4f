package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.app.SearchService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Semantic search over the knowledge collections (or one), without asking a model.")
final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--json", description = "Print the hits as JSON.")
    boolean json;

    @Option(names = "--collection", paramLabel = "C", description = "Search only this collection.")
    String collection;

    @Option(
            names = "--k",
            paramLabel = "N",
            defaultValue = "5",
            description = "How many hits (1-100, default ${DEFAULT-VALUE}).")
    int k;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to search for.")
    List<String> words;

    @Override
    public Integer call() {
        if (k < 1 || k > SearchService.MAX_K) {
            throw new CliException("k must be between 1 and " + SearchService.MAX_K + ", got " + k);
        }
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            SearchResponse r = backend.search(String.join(" ", words), Optional.ofNullable(collection), k);
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            if (r.hits().isEmpty()) {
                ctx.err().println("no hits");
            }
            for (SearchResponse.Hit h : r.hits()) {
                String title = h.title().replaceAll("\\s+", " ");
                String from = h.provenance() == null
                        ? ""
                        : "  [" + h.provenance().source().wireName() + "]";
                ctx.out()
                        .printf(
                                Locale.ROOT,
                                "%.3f  %-50s  %s%s%n",
                                h.score(),
                                h.collection() + "/" + h.id(),
                                title.length() > 100 ? title.substring(0, 100) + "..." : title,
                                from);
            }
            return 0;
        }
    }
}
