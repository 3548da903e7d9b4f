package dev.knowledgerouter.cli;

import dev.knowledgerouter.answer.ollama.OllamaAdmin;
import dev.knowledgerouter.answer.openai.OpenAiAdmin;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalModelSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        description = {
            "List the models the Ollama host has and those each OpenAI-compatible server of local_models serves,",
            "and which configured ones (the local chain) are missing."
        },
        subcommands = {ModelsCommand.Pull.class})
final class ModelsCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(names = "--json", description = "Print the lists as JSON.")
    boolean json;

    /** What the Ollama host has, what each OpenAI-compatible server serves, and the chain with each model's presence. */
    record Listing(
            String host,
            List<OllamaAdmin.InstalledModel> installed,
            List<Server> servers,
            List<Configured> configured) {}

    /** An OpenAI-compatible server of the chain and the model ids its {@code /v1/models} lists. */
    record Server(String baseUrl, List<String> models) {}

    record Configured(String name, String provider, boolean present) {}

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        KrConfig config = ctx.config();
        List<LocalModelSettings> chain = config.localChain();
        boolean ollamaInChain = chain.stream().anyMatch(m -> m.provider() == LocalModelSettings.Provider.OLLAMA);
        List<OllamaAdmin.InstalledModel> installed =
                ollamaInChain ? new OllamaAdmin(config.ollama().host()).list() : List.of();
        Map<String, Set<String>> byHost = new LinkedHashMap<>();
        List<Server> servers = new ArrayList<>();
        for (LocalModelSettings m : chain) {
            if (m.provider() == LocalModelSettings.Provider.OLLAMA && !byHost.containsKey(m.baseUrl())) {
                List<OllamaAdmin.InstalledModel> there =
                        m.baseUrl().equals(config.ollama().host()) ? installed : new OllamaAdmin(m.baseUrl()).list();
                byHost.put(
                        m.baseUrl(),
                        there.stream().map(OllamaAdmin.InstalledModel::name).collect(Collectors.toSet()));
            } else if (m.provider() == LocalModelSettings.Provider.OPENAI && !byHost.containsKey(m.baseUrl())) {
                List<String> ids = new OpenAiAdmin(m.baseUrl(), m.apiKey())
                        .list().stream().map(OpenAiAdmin.ServedModel::id).toList();
                byHost.put(m.baseUrl(), Set.copyOf(ids));
                servers.add(new Server(m.baseUrl(), ids));
            }
        }
        List<Configured> configured = chain.stream()
                .map(m -> new Configured(
                        m.model(),
                        m.provider().label(),
                        m.provider() == LocalModelSettings.Provider.OLLAMA
                                ? OllamaAdmin.isInstalled(byHost.get(m.baseUrl()), m.model())
                                : byHost.get(m.baseUrl()).contains(m.model())))
                .toList();
        if (json) {
            ctx.printJson(new Listing(config.ollama().host(), installed, servers, configured));
            return 0;
        }
        if (ollamaInChain) {
            ctx.out().println("models on " + config.ollama().host() + ":");
            installed.forEach(m -> ctx.out()
                    .printf(Locale.ROOT, "  %-36s %8.1f GB  %s%n", m.name(), m.sizeBytes() / 1e9, m.parameterSize()));
        }
        for (Server server : servers) {
            ctx.out().println("models on " + server.baseUrl() + " (OpenAI-compatible):");
            server.models().forEach(id -> ctx.out().printf(Locale.ROOT, "  %s%n", id));
        }
        ctx.out().println("configured:");
        configured.forEach(
                c -> ctx.out().printf(Locale.ROOT, "  %-36s %s%n", c.provider() + "/" + c.name(), presence(c)));
        return 0;
    }

    private static String presence(Configured c) {
        if (c.present()) {
            return "present";
        }
        return c.provider().equals("ollama")
                ? "MISSING: run `kr models pull " + c.name() + "`"
                : "MISSING: load it on its server (kr cannot pull onto an OpenAI-compatible server)";
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
