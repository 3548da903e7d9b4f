package dev.knowledgerouter.http;

import io.javalin.http.Context;

/**
 * Errors on the OpenAI-compatible endpoints in OpenAI's shape,
 * {@code {"error": {"message", "type", "param", "code"}}}, because OpenAI client libraries read
 * that shape to raise their own exceptions; every other endpoint keeps the router's shape.
 */
final class OpenAiErrors {
    private OpenAiErrors() {}

    /** By path, so that failures raised before a handler runs (body too large, unknown method) take the same shape. */
    static boolean appliesTo(Context ctx) {
        return appliesTo(ctx.path());
    }

    /** For refusals written before Javalin sees the request ({@link RequestGuard}). */
    static boolean appliesTo(String path) {
        return path.equals(OpenAiApi.COMPLETIONS)
                || path.equals(OpenAiApi.MODELS)
                || path.startsWith(OpenAiApi.MODELS + "/");
    }

    static void write(Context ctx, int status, String code, String param, String message) {
        ctx.status(status).json(body(status, code, param, message));
    }

    static OpenAiWire.Error body(int status, String code, String param, String message) {
        return new OpenAiWire.Error(new OpenAiWire.ErrorBody(message, type(status), param, code));
    }

    /** OpenAI's error types: clients map them to exception classes. */
    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
