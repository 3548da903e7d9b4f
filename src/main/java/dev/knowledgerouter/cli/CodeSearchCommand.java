package dev.knowledgerouter.cli;

import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeSearchResponse;
import dev.knowledgerouter.code.CodeService;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "code-search",
        mixinStandardHelpOptions = true,
        description =
                "Semantic search over the files, classes and functions of an analysed repository (see kr analyze).")
final class CodeSearchCommand implements Callable<Integer> {
    private static final int SNIPPET_LINES = 4;

    @ParentCommand
    KrCommand parent;

    @Option(names = "--repo", required = true, paramLabel = "N", description = "The analysed repository's name.")
    String repo;

    @Option(
            names = "--k",
            paramLabel = "N",
            defaultValue = "10",
            description = "How many hits (1-100, default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print the hits as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to look for.")
    List<String> words;

    @Override
    public Integer call() {
        if (k < 1 || k > CodeService.MAX_K) {
            throw new CliException("k must be between 1 and " + CodeService.MAX_K + ", got " + k);
        }
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            CodeSearchResponse r = backend.codeSearch(repo, String.join(" ", words), k);
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            if (r.hits().isEmpty()) {
                ctx.err().println("no hits");
            }
            for (CodeIndex.CodeHit h : r.hits()) {
                ctx.out()
                        .printf(
                                Locale.ROOT,
                                "%.3f  %-8s %s:%d-%d  %s%n",
                                h.score(),
                                h.type(),
                                h.path(),
                                h.startLine(),
                                h.endLine(),
                                h.nodeId());
                h.snippet()
                        .lines()
                        .limit(SNIPPET_LINES)
                        .forEach(line -> ctx.out().println("        " + line));
            }
            return 0;
        }
    }
}
