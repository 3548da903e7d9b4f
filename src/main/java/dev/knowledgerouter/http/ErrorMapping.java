package dev.knowledgerouter.http;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.app.InFlight;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import dev.knowledgerouter.learn.UnknownInteractionException;
import dev.knowledgerouter.route.UnknownProfileException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error with the right status. Bad input is a 4xx that names the
 * problem; an internal failure is logged with an id and answered without a stack trace.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    static void install(RoutesConfig routes, long maxBodyBytes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(InvalidRequestException.class, (e, ctx) -> write(ctx, 400, "invalid_request", e.getMessage()));
        routes.exception(UnknownProfileException.class, (e, ctx) -> write(ctx, 400, "unknown_profile", e.getMessage()));
        routes.exception(
                UnknownCollectionException.class, (e, ctx) -> write(ctx, 404, "unknown_collection", e.getMessage()));
        routes.exception(
                UnknownInteractionException.class, (e, ctx) -> write(ctx, 404, "unknown_interaction", e.getMessage()));
        routes.exception(InFlight.ShuttingDownException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            write(ctx, 503, "shutting_down", e.getMessage());
        });
        routes.exception(ConcurrencyGate.BusyException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            write(ctx, 503, "local_model_busy", e.getMessage());
        });
        routes.exception(AlreadyClosedException.class, (e, ctx) -> {
            LOG.error("store closed while serving {} {}", ctx.method(), ctx.path(), e);
            write(
                    ctx,
                    503,
                    "store_unavailable",
                    "the store is closed (shutting down, or a fatal disk error); the server log has the details");
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            if (status == 413) {
                write(
                        ctx,
                        413,
                        "body_too_large",
                        "the request body is larger than " + maxBodyBytes / 1024
                                + " KiB; shorten it or raise server.max_body_kb in kr.yaml");
            } else if (status == 404) {
                write(
                        ctx,
                        404,
                        "not_found",
                        "no endpoint " + ctx.method() + " " + ctx.path()
                                + "; see GET /health and the README for the API");
            } else if (status == 405) {
                write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            } else {
                write(ctx, status, "http_" + status, e.getMessage());
            }
        });
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("store unreachable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "10");
            write(ctx, 503, "store_unavailable", e.getMessage());
        });
        routes.exception(EmbedderUnavailableException.class, (e, ctx) -> {
            LOG.warn("embedder failed on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, 503, "embedder_unavailable", e.getMessage());
        });
        routes.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("store failure on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, 503, "store_unavailable", e.getMessage());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "internal error " + id + "; the server log has the details");
        });
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

    static void write(Context ctx, int status, String code, String message) {
        if (OpenAiErrors.appliesTo(ctx)) {
            OpenAiErrors.write(ctx, status, code, null, message);
            return;
        }
        ctx.status(status).json(new ApiError(code, message));
    }
}
