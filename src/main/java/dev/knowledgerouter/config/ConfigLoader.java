package dev.knowledgerouter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads {@code kr.yaml} (optional) and the environment into a validated {@link KrConfig}. The
 * environment wins over the file. Unknown keys are refused rather than ignored: a typo in a threshold
 * must not silently leave the default in force. The file is read as {@link YamlNode}s, each section by
 * its reader ({@link ServerSections}, {@link ModelSections}, {@link LocalModelSections}, {@link RoutingSections},
 * {@link StoreSections}, {@link CodeSection}, {@link ReportSection}), and values given as text by {@link ConfigValues}.
 */
public final class ConfigLoader {
    private final ConfigEnvironment env;

    public ConfigLoader(Path workDir, Map<String, String> env) {
        this.env = new ConfigEnvironment(workDir, env);
    }

    public static KrConfig fromEnvironment() {
        return new ConfigLoader(Path.of("").toAbsolutePath(), System.getenv()).load();
    }

    /** The kr.yaml this process reads ({@code KR_CONFIG}, else the working directory's), whether or not it exists. */
    public static Path fileFromEnvironment() {
        return new ConfigLoader(Path.of("").toAbsolutePath(), System.getenv()).file();
    }

    public Path file() {
        return env.get("KR_CONFIG").map(env::path).orElse(env.workDir().resolve("kr.yaml"));
    }

    public KrConfig load() {
        Path file = file();
        if (env.get("KR_CONFIG").isPresent() && !Files.isRegularFile(file)) {
            throw new ConfigException(
                    "KR_CONFIG points to " + file + ", which does not exist; fix the path or unset KR_CONFIG");
        }
        YamlNode root = Files.isRegularFile(file) ? YamlNode.read(file) : YamlNode.empty();
        root.allowOnly(
                "home",
                "app_dir",
                "collections_dir",
                "seed_dir",
                "server",
                "ollama",
                "claude",
                "routing",
                "escalation",
                "code",
                "store",
                "embedder",
                "query_embedding_cache",
                "qdrant",
                "mcp",
                "knowledge",
                "report",
                "local_models",
                "verify");

        Path appDir = env.get("KR_APP_DIR")
                .map(env::path)
                .orElse(root.text("app_dir").map(env::path).orElse(env.workDir()));
        Path home = env.get("KR_HOME")
                .map(env::path)
                .orElse(root.text("home").map(env::path).orElse(env.workDir().resolve("data")));
        Path collections = root.text("collections_dir").map(env::path).orElse(appDir.resolve("collections"));
        Path seeds = root.text("seed_dir").map(env::path).orElse(appDir.resolve("seed-data"));

        ServerSections servers = new ServerSections(env);
        ModelSections models = new ModelSections(env);
        RoutingSections routing = new RoutingSections(env);
        // Built in this order so that, of several mistakes, the same one is reported first as always.
        ServerSettings server = servers.server(root.child("server"));
        OllamaSettings ollama = models.ollama(root.child("ollama"));
        return KrConfig.builder(home.normalize(), appDir)
                .collectionsDir(collections.normalize())
                .seedDir(seeds.normalize())
                .server(server)
                .ollama(ollama)
                .localModels(new LocalModelSections(env).localModels(root, ollama))
                .claude(models.claude(root.child("claude")))
                .routing(routing.routing(root.child("routing")))
                .cost(models.cost(root.child("claude")))
                .escalation(routing.escalation(root.child("escalation")))
                .code(new CodeSection(env).code(root.child("code")))
                .store(new StoreSections(env).store(root))
                .embedder(models.embedder(root, root.child("ollama")))
                .mcp(servers.mcp(root.child("mcp")))
                .knowledge(StoreSections.knowledge(root.child("knowledge")))
                .report(new ReportSection(env).report(root.child("report")))
                .grader(RoutingSections.grader(root.child("verify")))
                .build();
    }
}
