package dev.knowledgerouter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.ConfigLoader;
import dev.knowledgerouter.config.KrConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What every command shares: the configuration (loaded once), the output streams, and the choice
 * between a running server and the store in this process.
 */
final class KrContext {
    private final Supplier<KrConfig> configSource;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Path> configFile;
    private final Termination termination;
    private final long startedMillis;
    private KrConfig config;
    private CompletableFuture<ObjectMapper> jsonMapper;

    KrContext(Supplier<KrConfig> configSource, PrintStream out, PrintStream err) {
        this(configSource, ConfigLoader::fileFromEnvironment, out, err);
    }

    KrContext(Supplier<KrConfig> configSource, Supplier<Path> configFile, PrintStream out, PrintStream err) {
        this(configSource, configFile, System.in, out, err);
    }

    KrContext(
            Supplier<KrConfig> configSource,
            Supplier<Path> configFile,
            InputStream in,
            PrintStream out,
            PrintStream err) {
        this(configSource, configFile, in, out, err, Termination.NONE, System.currentTimeMillis());
    }

    private KrContext(
            Supplier<KrConfig> configSource,
            Supplier<Path> configFile,
            InputStream in,
            PrintStream out,
            PrintStream err,
            Termination termination,
            long startedMillis) {
        this.termination = termination;
        this.startedMillis = startedMillis;
        this.configSource = configSource;
        this.configFile = configFile;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The kr.yaml this invocation reads (which may not exist yet): where {@code kr report --apply} writes. */
    Path configFile() {
        return configFile.get();
    }

    /** @param startedMillis when {@code main} began, for the benchmarks that report start-up */
    static KrContext system(long startedMillis) {
        return new KrContext(
                ConfigLoader::fromEnvironment,
                ConfigLoader::fileFromEnvironment,
                System.in,
                System.out,
                System.err,
                Termination.signals(System.err),
                startedMillis);
    }

    /** When this invocation began (epoch milliseconds): {@code main}'s start, or the context's creation in tests. */
    long startedMillis() {
        return startedMillis;
    }

    /** How SIGTERM and SIGINT reach a command that runs until stopped; nothing in tests. */
    Termination termination() {
        return termination;
    }

    synchronized KrConfig config() {
        if (config == null) {
            config = configSource.get();
        }
        return config;
    }

    /** What {@code kr mcp} reads its protocol from: stdin, or a test's pipe. */
    InputStream in() {
        return in;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Optional<ServerAnnouncement> runningServer() {
        return ServerAnnouncement.read(config().serverFile());
    }

    /** The running server when there is one, otherwise the store opened in this process. */
    Backend backend() {
        Optional<ServerAnnouncement> server = runningServer();
        if (server.isPresent()) {
            KrConfig c = config();
            return new RemoteBackend(
                    server.get().url(),
                    c.server().apiToken(),
                    c.ollama().timeout().plus(c.claude().timeout()).plusSeconds(30));
        }
        App app = App.open(config());
        if (app.knowledgeEmpty()) {
            err.println("kr: warning: the knowledge collections in " + config().home()
                    + " are empty; run `kr seed` (`kr serve` seeds on first start)");
        }
        return new LocalBackend(app);
    }

    /** Opens the store in this process for commands that cannot go through a server (seed, serve). */
    App openExclusive(String command) {
        return openExclusive(command, config());
    }

    App openExclusive(String command, KrConfig config) {
        ServerAnnouncement.read(config.serverFile()).ifPresent(s -> {
            throw new CliException("`kr serve` is running on this home (pid " + s.pid() + ", " + s.url()
                    + ") and owns the store; stop it before `kr " + command + "`, or use a different KR_HOME");
        });
        return App.open(config);
    }

    /**
     * Makes the JSON mapper on another thread while the command works: its first use loads and links Jackson, about a
     * tenth of a second that a short command's {@code --json} would otherwise add at its end.
     */
    synchronized void prepareJson() {
        if (jsonMapper == null) {
            jsonMapper = CompletableFuture.supplyAsync(() -> {
                ObjectMapper mapper = WireJson.mapper();
                try {
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("prepared", List.of(1.5)));
                } catch (JsonProcessingException e) {
                    // Only a head start: printJson meets the same failure and says so.
                }
                return mapper;
            });
        }
    }

    void printJson(Object value) {
        CompletableFuture<ObjectMapper> prepared;
        synchronized (this) {
            prepared = jsonMapper;
        }
        ObjectMapper mapper = prepared != null ? prepared.join() : WireJson.mapper();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
    }
}
