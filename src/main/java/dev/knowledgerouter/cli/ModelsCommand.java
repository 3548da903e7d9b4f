package dev.knowledgerouter.cli;

import dev.knowledgerouter.answer.ollama.OllamaAdmin;
import dev.knowledgerouter.config.KrConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description =
                "List the models the Ollama host has, and which configured ones (OLLAMA_MODEL, fallbacks) are missing.",
        subcommands = {ModelsCommand.Pull.class})
final class ModelsCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--json", description = "Print the lists as JSON.")
    boolean json;

    /** What the host has, and the configured chain with each model's presence. */
    record Listing(String host, List<OllamaAdmin.InstalledModel> installed, List<Configured> configured) {}

    record Configured(String name, boolean present) {}

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        KrConfig config = ctx.config();
        List<OllamaAdmin.InstalledModel> installed =
                new OllamaAdmin(config.ollama().host()).list();
        Set<String> names =
                installed.stream().map(OllamaAdmin.InstalledModel::name).collect(Collectors.toSet());
        List<Configured> configured = config.ollama().chain().stream()
                .map(m -> new Configured(m, OllamaAdmin.isInstalled(names, m)))
                .toList();
        if (json) {
            ctx.printJson(new Listing(config.ollama().host(), installed, configured));
            return 0;
        }
        ctx.out().println("models on " + config.ollama().host() + ":");
        installed.forEach(m -> ctx.out()
                .printf(Locale.ROOT, "  %-36s %8.1f GB  %s%n", m.name(), m.sizeBytes() / 1e9, m.parameterSize()));
        ctx.out().println("configured:");
        configured.forEach(c -> ctx.out()
                .printf(
                        Locale.ROOT,
                        "  %-36s %s%n",
                        c.name(),
                        c.present() ? "present" : "MISSING: run `kr models pull " + c.name() + "`"));
        return 0;
    }

    @Command(
            name = "pull",
            mixinStandardHelpOptions = true,
            description = "Pull a model onto the Ollama host, with progress.")
    static final class Pull implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Parameters(paramLabel = "NAME", description = "Model name, e.g. qwen2.5-coder:7b.")
        String name;

        @Override
        public Integer call() {
            KrContext ctx = models.parent.context();
            new OllamaAdmin(ctx.config().ollama().host()).pull(name, TerminalProgress.on(ctx.err()));
            ctx.out().println(name + ": pulled");
            return 0;
        }
    }
}
