package dev.knowledgerouter.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
        name = "kr",
        mixinStandardHelpOptions = true,
        version = "kr 0.1.0",
        description = {
            "Knowledge Router: answers developer questions from a local knowledge base, with a local model or Claude.",
            "Configuration: kr.yaml in the working directory and KR_HOME, KR_PORT, KR_STORE, KR_EMBEDDER, QDRANT_URL, OLLAMA_HOST, OLLAMA_MODEL, ANTHROPIC_API_KEY."
        })
final class KrCommand implements Runnable {
    /**
     * The commands, in the order the help lists them. Not in the annotation: picocli reads every command it is given
     * (options, their types, their converters) before it runs one, about 0.2 s of each start, so {@link Main} gives
     * it only the one named, or all of them when none is (help, a misspelt name).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            QueryCommand.class,
            SearchCommand.class,
            SeedCommand.class,
            CollectionsCommand.class,
            BenchCommand.class,
            EvalCommand.class,
            ReindexCommand.class,
            UsageCommand.class,
            ModelsCommand.class,
            FeedbackCommand.class,
            ReportCommand.class,
            AnalyzeCommand.class,
            CodeSearchCommand.class,
            ImpactCommand.class,
            StatusCommand.class,
            MigrateCommand.class,
            McpCommand.class,
            HelpCommand.class);

    /** The commands that have commands of their own, held the same way, so that a run builds only the one it names. */
    static final Map<Class<?>, List<Class<?>>> NESTED =
            Map.of(BenchCommand.class, BenchCommand.SUBCOMMANDS, EvalCommand.class, EvalCommand.SUBCOMMANDS);

    private final KrContext context;

    KrCommand(KrContext context) {
        this.context = context;
    }

    KrContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this),
                "a command is required; try `kr serve`, `kr query \"...\"` or `kr --help`");
    }
}
