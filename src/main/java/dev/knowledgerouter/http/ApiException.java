package dev.knowledgerouter.http;

import dev.knowledgerouter.app.Failure;

/**
 * A failure a handler names with a code of its own ({@code malformed_json}, {@code not_a_directory}); what the
 * services throw is classified by {@link Failure#of} instead.
 */
final class ApiException extends RuntimeException {
    private final Failure failure;

    ApiException(Failure.Kind kind, String code, String message) {
        // The failure is the caller's: a stack trace would tell the log nothing.
        super(message, null, false, false);
        this.failure = new Failure(kind, code, message);
    }

    Failure failure() {
        return failure;
    }
}
