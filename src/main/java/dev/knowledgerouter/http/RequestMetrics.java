package dev.knowledgerouter.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times every HTTP request by method, route template and status. The template ({@code
 * /v1/repos/{name}}), not the path, keeps one series per route whatever names or ids are asked for.
 * A before/after pair rather than a request logger: Javalin runs after-handlers once the error
 * handlers have set the final status but before the response is sent, so a client that has its
 * answer always finds it counted at its next scrape (a request logger runs after sending).
 */
final class RequestMetrics {
    /** Requests that matched no route (unknown paths, or refused before reaching one). */
    static final String UNMATCHED = "UNMATCHED";

    private static final String STARTED = "kr.metrics.started";

    private final MeterRegistry registry;

    private RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Installs the pair; call it before adding other before-handlers, so the clock starts even when one of them refuses the request. */
    static void install(RoutesConfig routes, MeterRegistry registry) {
        RequestMetrics metrics = new RequestMetrics(registry);
        routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        routes.after(metrics::record);
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tags(
                        "method",
                        ctx.method().name(),
                        "uri",
                        endpoint == null ? UNMATCHED : endpoint.path,
                        "status",
                        Integer.toString(ctx.statusCode()))
                .register(registry)
                // No start time only when Javalin refused the request before any before-handler: counted, not timed.
                .record(Duration.ofNanos(started == null ? 0 : System.nanoTime() - started));
    }
}
