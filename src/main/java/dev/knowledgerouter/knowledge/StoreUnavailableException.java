package dev.knowledgerouter.knowledge;

/**
 * The store's server cannot be reached (down, restarting, network gone). Unlike other store
 * failures this one passes: callers answer "try again" and keep what they were asked to write.
 */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
