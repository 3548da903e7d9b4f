package dev.knowledgerouter.http;

/** A request to the OpenAI-compatible endpoints that fails; {@code param} names the offending field as OpenAI's errors do. */
final class OpenAiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String param;

    OpenAiException(int status, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    static OpenAiException invalid(String code, String param, String message) {
        return new OpenAiException(400, code, param, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }
}
