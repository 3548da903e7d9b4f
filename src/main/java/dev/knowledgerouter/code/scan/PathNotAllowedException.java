package dev.knowledgerouter.code.scan;

/** A path outside {@code code.allowed_roots}; the message never says what lies there. */
public final class PathNotAllowedException extends RuntimeException {
    public PathNotAllowedException(String message) {
        super(message);
    }
}
