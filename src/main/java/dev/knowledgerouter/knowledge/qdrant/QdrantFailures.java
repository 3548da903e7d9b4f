package dev.knowledgerouter.knowledge.qdrant;

import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * gRPC failures in the store's terms: an outage passes as {@link StoreUnavailableException}, a refusal
 * names its fix.
 */
final class QdrantFailures {
    private QdrantFailures() {}

    static StoreException translate(QdrantOptions options, String what, Throwable cause) {
        StatusRuntimeException grpc = statusOf(cause);
        if (grpc == null) {
            return new StoreException(what + " failed in Qdrant at " + options.url() + ": " + cause, cause);
        }
        Status status = grpc.getStatus();
        String detail = status.getDescription() == null
                ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED ->
                new StoreUnavailableException(
                        "Qdrant at " + options.url() + " is unreachable (" + what + ": " + detail
                                + "); start it (`docker compose up -d qdrant`) or fix QDRANT_URL"
                                + restPortHint(options),
                        grpc);
            case UNAUTHENTICATED, PERMISSION_DENIED ->
                new StoreException(
                        "Qdrant at " + options.url() + " refused " + what + " (" + status.getCode()
                                + "); set QDRANT_API_KEY to the key of that Qdrant",
                        grpc);
            default ->
                new StoreException(
                        what + " failed in Qdrant at " + options.url() + ": " + detail + restPortHint(options), grpc);
        };
    }

    /** Whether a failure is Qdrant saying that what was to be created exists already. */
    static boolean alreadyExists(Throwable failure) {
        return failure instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS;
    }

    private static StatusRuntimeException statusOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                return s;
            }
        }
        return null;
    }

    private static String restPortHint(QdrantOptions options) {
        return options.port() == QdrantOptions.REST_PORT
                ? " (" + QdrantOptions.REST_PORT + " is Qdrant's REST port; kr speaks gRPC, on "
                        + QdrantOptions.DEFAULT_GRPC_PORT + " by default)"
                : "";
    }
}
