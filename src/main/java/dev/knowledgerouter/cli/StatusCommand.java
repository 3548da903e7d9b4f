package dev.knowledgerouter.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.HealthCheck;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Whether each part works now: the store (Lucene or Qdrant), the embedder, the local models (Ollama or",
            "OpenAI-compatible servers, each model of the chain) and Claude,",
            "with the reason and the fix for each part that is down. Asks the running server when there is one.",
            "Exit status 0 when the router can answer (store and embedder up), 1 when it cannot."
        })
final class StatusCommand implements Callable<Integer> {
    private static final List<String> PARTS = List.of("store", "embedder", "local_model", "claude");

    @ParentCommand
    KrCommand parent;

    @Option(names = "--json", description = "Print the report as JSON (the shape of GET /health).")
    boolean json;

    @Override
    public Integer call() {
        KrContext ctx = parent.context();
        Optional<ServerAnnouncement> server = ctx.runningServer();
        Map<String, Object> report = server.isPresent()
                ? fromServer(server.get().url(), ctx.config().server().apiToken())
                : local(ctx);
        if (json) {
            ctx.printJson(report);
        } else {
            print(
                    ctx,
                    report,
                    server.map(s -> "server at " + s.url())
                            .orElse("this process, home " + ctx.config().home()));
        }
        // "up" is the whole answer of a server that shows its parts only with the token.
        return "ok".equals(report.get("status")) || "up".equals(report.get("status")) ? 0 : 1;
    }

    private static Map<String, Object> local(KrContext ctx) {
        App app;
        try {
            app = App.open(ctx.config());
        } catch (RuntimeException e) {
            return HealthCheck.withoutApp(ctx.config(), e.getMessage()).toJson();
        }
        try (app) {
            return HealthCheck.of(app).toJson();
        }
    }

    /**
     * /health is open, so status works from any shell; KR_API_TOKEN, when set, is sent because a server on
     * an exposed address shows its parts only to callers with the token (to others it says up or down).
     * A person asking wants the parts as they are now, not the last background probe's view.
     */
    private static Map<String, Object> fromServer(String url, Optional<Secret> token) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/health?refresh=true"))
                .timeout(Duration.ofSeconds(30))
                .GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t.reveal()));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return WireJson.mapper().readValue(r.body(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new CliException(
                    "the server at " + url + " did not answer /health (" + e.getMessage() + "); is it still running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while asking " + url + "/health");
        }
    }

    private static void print(KrContext ctx, Map<String, Object> report, String where) {
        ctx.out().println("status: " + report.get("status") + " (" + where + ")");
        if (PARTS.stream().noneMatch(report::containsKey)) {
            ctx.out()
                    .println("  the server shows its parts only to callers with its token;"
                            + " set KR_API_TOKEN to see them");
        }
        for (String name : PARTS) {
            if (report.get(name) instanceof Map<?, ?> part) {
                boolean up = Boolean.TRUE.equals(part.get("up"));
                StringBuilder facts = new StringBuilder();
                for (Map.Entry<?, ?> e : part.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    if (!List.of("up", "detail", "reason", "warning", "chain").contains(key)) {
                        facts.append(facts.isEmpty() ? "" : ", ")
                                .append(key)
                                .append(' ')
                                .append(e.getValue());
                    }
                }
                Object why = up ? part.get("detail") : part.get("reason");
                ctx.out().printf(Locale.ROOT, "  %-12s %-5s %s%n", name, up ? "up" : "DOWN", why);
                if (!facts.isEmpty()) {
                    ctx.out().printf(Locale.ROOT, "  %-12s %-5s %s%n", "", "", facts);
                }
                if (part.get("warning") != null) {
                    ctx.err().println("kr: warning: " + part.get("warning"));
                }
                if (part.get("chain") instanceof List<?> chain) {
                    for (Object each : chain) {
                        if (each instanceof Map<?, ?> m) {
                            boolean modelUp = Boolean.TRUE.equals(m.get("up"));
                            ctx.out()
                                    .printf(
                                            Locale.ROOT,
                                            "  %-12s %-5s %s: %s%n",
                                            "",
                                            modelUp ? "up" : "DOWN",
                                            m.get("model"),
                                            modelUp ? m.get("detail") : m.get("reason"));
                        }
                    }
                }
            }
        }
    }
}
