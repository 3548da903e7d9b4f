package dev.knowledgerouter.http;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.HealthCheck;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health}, open to every caller so that load balancers and probes need no token: 200
 * while the router can answer, 503 when the store or the embedder is down. The full report (each
 * part, the store's location, the models) goes to callers the server trusts: any caller on a
 * loopback bind whose Host names the server, and callers with the token. Anyone else (another
 * machine without the token, a request under a foreign Host) learns up or down only.
 */
final class HealthRoute implements Handler {
    static final String PATH = "/health";

    private final App app;
    private final Optional<BearerAuth> auth;
    private final boolean loopback;

    HealthRoute(App app, Optional<BearerAuth> auth, boolean loopback) {
        this.app = app;
        this.auth = auth;
        this.loopback = loopback;
    }

    @Override
    public void handle(Context ctx) {
        HealthCheck.Report report = HealthCheck.of(app);
        ctx.status(report.isUp() ? 200 : 503);
        if (fullReportFor(ctx)) {
            ctx.json(report.toJson());
        } else {
            ctx.json(Map.of("status", report.isUp() ? "up" : "down"));
        }
    }

    private boolean fullReportFor(Context ctx) {
        if (ctx.attribute(RequestGuard.FOREIGN_HOST) != null) {
            return false;
        }
        return loopback || auth.map(a -> a.accepts(ctx.header("Authorization"))).orElse(true);
    }
}
