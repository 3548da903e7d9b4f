package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.http.BearerAuth;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.seed.SeedReport;
import dev.knowledgerouter.report.weekly.ExecutorTaskTimer;
import dev.knowledgerouter.report.weekly.WeeklyReports;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.BindException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the HTTP API. When a knowledge collection is empty (first start) the seed data is loaded first.",
            "Binds 127.0.0.1 by default; other kr commands on the same KR_HOME go through this server.",
            "Any other address needs KR_API_TOKEN: clients then send `Authorization: Bearer <token>` (GET /health stays open)."
        })
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "Port to listen on (default: KR_PORT, kr.yaml server.port, or 8080; 0 picks a free one).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            description =
                    "Address to bind (default 127.0.0.1; 0.0.0.0 exposes the API to the network and needs KR_API_TOKEN).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        KrContext ctx = parent.context();
        KrConfig base = ctx.config();
        ServerSettings s = base.server();
        if (port != null && (port < 0 || port > 65535)) {
            throw new CliException("--port must be between 0 and 65535, got " + port);
        }
        ServerSettings server = s.withListener(host != null ? host : s.host(), port != null ? port : s.port());
        // First, so that the operator reads it whatever happens next.
        base.cost().priceWarning(base.claude().model()).ifPresent(w -> ctx.err().println("kr: warning: " + w));
        // Before the store opens and seeding starts: an exposed server without a token must not come up at all.
        boolean tokenRequired = BearerAuth.forServer(server).isPresent();
        KrConfig config = base.withServer(server);

        App app = ctx.openExclusive("serve", config);
        ServerStop stop = new ServerStop(app, config.serverFile());
        CountDownLatch signalled = new CountDownLatch(1);
        AtomicInteger signal = new AtomicInteger();
        AtomicLong signalledAt = new AtomicLong();
        ctx.termination().onSignal(number -> {
            signalledAt.set(System.nanoTime());
            signal.set(number);
            // Cuts seeding short at once; a server already up stops from the main thread below.
            app.requestStop();
            signalled.countDown();
        });
        // Any other way the JVM shuts down (SIGHUP, a JVM without signal handling) still stops in order.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "kr-shutdown"));
        try {
            Thread loading = warmUp(ctx, app);
            seedIfIncomplete(ctx, app);
            if (!app.embedder().id().startsWith("bge-small")) {
                ctx.err()
                        .println(
                                "kr: note: the shipped routing thresholds are calibrated for bge-small; for "
                                        + app.embedder().id()
                                        + " measure them with `kr eval calibrate` and set routing.profiles in kr.yaml (docs/routing.md), or let `kr report --apply` tune them");
            }
            // Ready means able to answer: the first question must not wait for the model.
            loading.join();
            Javalin http = new HttpApi(app).create();
            try {
                http.start();
            } catch (RuntimeException e) {
                if (causedBy(e, BindException.class)) {
                    throw new CliException("cannot listen on " + server.host() + ":" + server.port()
                            + ": the address is in use; pass --port or set KR_PORT");
                }
                throw e;
            }
            boolean anyAddress =
                    server.host().equals("0.0.0.0") || server.host().equals("::");
            String shownHost = anyAddress ? "127.0.0.1" : server.host();
            String url = "http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":" + http.port();
            ServerAnnouncement announcement = ServerAnnouncement.self(url, Instant.now());
            stop.serving(http, announcement);
            try {
                announcement.write(config.serverFile());
            } catch (IOException e) {
                ctx.err()
                        .println("kr: warning: cannot write " + config.serverFile() + " (" + e.getMessage()
                                + "); other kr commands will not find this server");
            }
            ctx.err()
                    .println("kr: serving on " + url + " (KR_HOME " + config.home()
                            + (tokenRequired ? "; requests need the KR_API_TOKEN bearer token" : "")
                            + "); Ctrl-C stops");
            scheduleWeeklyReport(ctx, app, stop, url);
            signalled.await();
        } catch (StopSignal.StoppedException | InFlight.ShuttingDownException e) {
            ctx.err().println("kr: stopped while seeding; the next start seeds what is missing");
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
        stop.run();
        if (signalledAt.get() != 0) {
            double seconds = (System.nanoTime() - signalledAt.get()) / 1e9;
            ctx.err().printf(Locale.ROOT, "kr: stopped %.1f s after the signal%n", seconds);
        }
        // 128 + the signal, as a shell reports a process ended by it: 143 for SIGTERM, 130 for Ctrl-C.
        return signal.get() == 0 ? 0 : 128 + signal.get();
    }

    /** Runs the weekly report on report.schedule, making up a run missed while the server was down. */
    private static void scheduleWeeklyReport(KrContext ctx, App app, ServerStop stop, String url) {
        WeeklyReports weekly = app.weeklyReports()
                .configFile(ctx.configFile())
                .linkBase(url)
                .timer(new ExecutorTaskTimer(app.clock(), "kr-weekly-report"))
                .build();
        stop.scheduling(weekly);
        weekly.start();
        weekly.next()
                .ifPresent(at -> ctx.err()
                        .println("kr: next weekly report "
                                + at.atZone(app.config().report().schedule().zone())
                                + " (report.schedule), archived in "
                                + app.reportArchive().dir()));
        app.config().report().notifyTargets().stream()
                .filter(t -> t.url().isEmpty())
                .forEach(t -> ctx.err()
                        .println("kr: warning: report.notify: " + t.variable()
                                + " is not set, so the weekly report cannot reach " + t.describe()));
    }

    /** Seeds a store whose knowledge collections are not all filled: a first start, or a first seed that was interrupted. */
    static void seedIfIncomplete(KrContext ctx, App app) {
        if (app.knowledgeIncomplete()) {
            KrConfig config = app.config();
            ctx.err().println("kr: seeding the knowledge collections from " + config.seedDir());
            // As work in flight, so that a shutdown waits for seeding to reach its stop point before the store closes.
            List<SeedReport> reports = app.inFlight()
                    .run(() -> app.seeder().seedDirectory(config.seedDir(), TerminalProgress.on(ctx.err())));
            reports.forEach(r -> ctx.err()
                    .printf(Locale.ROOT, "kr: %s: %d entries in %.1f s%n", r.collection(), r.entries(), r.seconds()));
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads the knowledge model (loaded on first use) beside the rest of the start-up, so the server listens with it
     * loaded. A model that cannot load says so here, and again on the first query.
     */
    private static Thread warmUp(KrContext ctx, App app) {
        return Thread.ofPlatform().daemon().name("kr-warm-up").start(() -> {
            try {
                app.embedder().prepare();
            } catch (RuntimeException e) {
                ctx.err().println("kr: warning: the embedding model did not load: " + e.getMessage());
            }
        });
    }
}
