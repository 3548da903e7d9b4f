package dev.knowledgerouter.http;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.HealthCheck;
import dev.knowledgerouter.app.HealthMonitor;
import dev.knowledgerouter.app.InvalidRequestException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health routes, open to every caller so that load balancers and probes need no token, answered
 * from the last probe ({@link HealthMonitor}) so that a probe never waits on a model host:
 * <ul>
 *   <li>{@code GET /health}: 200 while the router can answer, 503 when the store or the embedder is
 *       down; {@code ?refresh=true} probes first;</li>
 *   <li>{@code GET /health/live}: 200 while the process serves, nothing probed (liveness);</li>
 *   <li>{@code GET /health/ready}: 200 when it can answer a query now, 503 while the store or the
 *       embedder is down or the server drains for shutdown (readiness).</li>
 * </ul>
 * The full report (each part, the store's location, the models, why not ready) and a fresh probe are
 * for callers the server trusts: any caller on a loopback bind whose Host names the server, and callers
 * with the token. Anyone else (another machine without the token, a request under a foreign Host)
 * learns up or down, ready or not, only, from the last probe.
 */
final class HealthRoute {
    static final String PATH = "/health";
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    private static final Set<String> PATHS = Set.of(PATH, LIVE, READY);

    private final App app;
    private final Optional<BearerAuth> auth;
    private final boolean loopback;

    HealthRoute(App app, Optional<BearerAuth> auth, boolean loopback) {
        this.app = app;
        this.auth = auth;
        this.loopback = loopback;
    }

    /** Whether {@code path} is one of the health routes (open without the token, answered under a foreign Host). */
    static boolean serves(String path) {
        return PATHS.contains(path);
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::report);
        routes.get(LIVE, ctx -> ctx.json(Map.of("status", "up")));
        routes.get(READY, this::ready);
    }

    private void report(Context ctx) {
        boolean trusted = trusted(ctx);
        boolean refresh = refreshAsked(ctx);
        HealthMonitor.Checked checked =
                trusted && refresh ? app.health().refresh() : app.health().current();
        HealthCheck.Report report = checked.report();
        ctx.status(report.isUp() ? 200 : 503);
        if (trusted) {
            Map<String, Object> body = new LinkedHashMap<>(report.toJson());
            body.put("checked_at", checked.at().toString());
            ctx.json(body);
        } else {
            ctx.json(Map.of("status", report.isUp() ? "up" : "down"));
        }
    }

    private void ready(Context ctx) {
        HealthCheck.Report report = app.health().current().report();
        List<String> why = new ArrayList<>();
        if (app.inFlight().draining()) {
            why.add("the server is shutting down");
        }
        if (!report.store().up()) {
            why.add("store: " + report.store().detail());
        }
        if (!report.embedder().up()) {
            why.add("embedder: " + report.embedder().detail());
        }
        ctx.status(why.isEmpty() ? 200 : 503);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", why.isEmpty() ? "ready" : "not_ready");
        if (!why.isEmpty() && trusted(ctx)) {
            body.put("reason", String.join("; ", why));
        }
        ctx.json(body);
    }

    private static boolean refreshAsked(Context ctx) {
        String refresh = ctx.queryParam("refresh");
        if (refresh == null || refresh.equals("false")) {
            return false;
        }
        if (refresh.equals("true")) {
            return true;
        }
        throw new InvalidRequestException("'refresh' must be true (probe every part now) or false (the last probe,"
                + " at most " + HealthMonitor.INTERVAL.toSeconds() + " s old), got \"" + refresh + "\"");
    }

    private boolean trusted(Context ctx) {
        if (ctx.attribute(RequestGuard.FOREIGN_HOST) != null) {
            return false;
        }
        return loopback || auth.map(a -> a.accepts(ctx.header("Authorization"))).orElse(true);
    }
}
