package dev.knowledgerouter.app;

/** The caller sent something unusable; the message names the problem and the fix. */
public final class InvalidRequestException extends IllegalArgumentException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
