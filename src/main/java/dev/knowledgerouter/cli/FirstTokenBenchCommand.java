package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.eval.FirstTokenBenchResult;
import dev.knowledgerouter.eval.FirstTokenBenchmark;
import dev.knowledgerouter.eval.FirstTokenWireServer;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.http.HttpApi;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "first-token",
        mixinStandardHelpOptions = true,
        description = {
            "Measure time to first token through the router against the bare backend: an in-process wire server",
            "streams like Anthropic's Messages API after a fixed pause; each request is read straight from it, then",
            "through a router on a freshly seeded temporary store (real HTTP port, stream: true, model: remote)."
        })
final class FirstTokenBenchCommand implements Callable<Integer> {
    /** Long enough to look like a model thinking, short enough that a run of a few hundred pairs is quick. */
    static final Duration FIRST_TOKEN_DELAY = Duration.ofMillis(20);

    @ParentCommand
    BenchCommand bench;

    @Option(
            names = "--requests",
            paramLabel = "N",
            defaultValue = "200",
            description = "Measured request pairs after warm-up (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(
            names = "--distinct",
            description = {
                "Ask a new question on every request (the 20 questions, numbered), so that nothing the router",
                "remembers of a question (its query vector) helps; by default the 20 questions come round again."
            })
    boolean distinct;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (requests < 1) {
            throw new CliException("--requests must be positive");
        }
        KrContext ctx = bench.parent.context();
        KrConfig base = ctx.config();
        Path work = OwnerOnly.createDirectories(base.home().resolve("bench"))
                .resolve("first-token-" + ProcessHandle.current().pid());
        TerminalProgress progress = TerminalProgress.on(ctx.err());
        FirstTokenBenchResult r;
        try (FirstTokenWireServer wire = FirstTokenWireServer.start(FIRST_TOKEN_DELAY)) {
            KrConfig config = base.toBuilder()
                    .home(work)
                    .server(ServerSettings.defaults().withListener("127.0.0.1", 0))
                    .store(StoreSettings.defaults())
                    // Every measured request calls the backend; the shipped hourly cap would end that after 50.
                    .cost(new CostSettings(
                            Integer.MAX_VALUE,
                            Optional.empty(),
                            Optional.empty(),
                            base.cost().pricing(),
                            base.cost().fallbackModel()))
                    .claude(new ClaudeSettings(
                            Optional.of(Secret.of("bench-wire-server")),
                            ClaudeSettings.DEFAULT_MODEL,
                            wire.url(),
                            ClaudeSettings.DEFAULT_MAX_TOKENS,
                            Duration.ofSeconds(30)))
                    .build();
            try (App app = App.open(config)) {
                app.seeder().seedDirectory(config.seedDir(), progress);
                Javalin server = new HttpApi(app).create().start();
                try {
                    r = new FirstTokenBenchmark(wire, "http://127.0.0.1:" + server.port(), distinct)
                            .measure(requests, progress);
                } finally {
                    server.stop();
                }
            }
        } finally {
            ScratchFolders.delete(work);
        }
        if (json) {
            ctx.printJson(r);
            return 0;
        }
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "%d requests after %d warm-up (%s), first token held %d ms by the server, %d cores%n",
                        r.requests(),
                        r.warmUp(),
                        r.distinctQuestions() ? "every question new" : "20 questions asked again and again",
                        r.firstTokenDelayMs(),
                        r.cores());
        print(ctx, "direct", r.direct());
        print(ctx, "router", r.router());
        print(ctx, "overhead", r.overhead());
        print(ctx, "routed", r.routeDecided());
        // Where the time to the route went, as the router reported it (Server-Timing).
        r.routePhases().forEach((phase, l) -> print(ctx, "  " + phase, l));
        return 0;
    }

    private static void print(KrContext ctx, String label, FirstTokenBenchResult.Latency l) {
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "%-9s p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                        label,
                        l.p50Ms(),
                        l.p95Ms(),
                        l.p99Ms(),
                        l.maxMs());
    }
}
