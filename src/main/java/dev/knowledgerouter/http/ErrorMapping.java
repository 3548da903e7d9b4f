package dev.knowledgerouter.http;

import dev.knowledgerouter.app.Failure;
import dev.knowledgerouter.knowledge.InvalidTextException;
import dev.knowledgerouter.knowledge.WellFormedText;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error with the right status: handlers throw, and this maps what they
 * throw through {@link Failure#of}. Bad input is a 4xx that names the problem; an internal failure is
 * logged with an id and answered without a stack trace.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    static void install(RoutesConfig routes, long maxBodyBytes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> refusedByServer(ctx, e, maxBodyBytes));
        routes.exception(Exception.class, (e, ctx) -> write(ctx, e));
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(
                        ctx,
                        404,
                        "not_found",
                        "no endpoint " + ctx.method() + " " + ctx.path() + "; see the README for the API");
            }
        });
    }

    /** What a handler threw, classified, logged as its kind asks, and answered. */
    static void write(Context ctx, Exception e) {
        Failure failure = e instanceof ApiException api ? api.failure() : Failure.of(e);
        if (failure.kind().hiddenFromRemoteCallers()) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "internal error " + id + "; the server log has the details");
            return;
        }
        if (failure.kind() == Failure.Kind.UNAVAILABLE) {
            if (failure.replacesMessageOf(e)) {
                // The caller was sent to the log: the trace must be there.
                LOG.error("{} on {} {}", failure.code(), ctx.method(), ctx.path(), e);
            } else {
                LOG.warn("{} on {} {}: {}", failure.code(), ctx.method(), ctx.path(), e.getMessage());
            }
        }
        failure.retryAfter().ifPresent(wait -> ctx.header("Retry-After", String.valueOf(wait.toSeconds())));
        String field = e instanceof InvalidTextException text ? text.field() : null;
        write(ctx, failure.kind().status(), failure.code(), field, failure.message());
    }

    /** Refusals of Javalin and Jetty themselves, before a handler runs: too large, no such route, wrong method. */
    private static void refusedByServer(Context ctx, HttpResponseException e, long maxBodyBytes) {
        int status = e.getStatus();
        switch (status) {
            case 413 ->
                write(
                        ctx,
                        413,
                        "body_too_large",
                        "the request body is larger than " + maxBodyBytes / 1024
                                + " KiB; shorten it or raise server.max_body_kb in kr.yaml");
            case 404 ->
                write(
                        ctx,
                        404,
                        "not_found",
                        "no endpoint " + ctx.method() + " " + ctx.path()
                                + "; see GET /health and the README for the API");
            case 405 -> write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            default -> write(ctx, status, "http_" + status, e.getMessage());
        }
    }

    static void write(Context ctx, int status, String code, String message) {
        write(ctx, status, code, null, message);
    }

    /**
     * @param field the request field at fault, which OpenAI's error shape names as {@code param}, or null
     */
    private static void write(Context ctx, int status, String code, String field, String message) {
        // A message may quote what the caller sent; a JSON writer must not meet half a surrogate pair in it.
        String shown = WellFormedText.printable(message);
        if (OpenAiErrors.appliesTo(ctx)) {
            OpenAiErrors.write(ctx, status, code, field, shown);
            return;
        }
        ctx.status(status).json(new ApiError(code, shown));
    }
}
