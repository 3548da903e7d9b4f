package dev.knowledgerouter.knowledge;

/** Another process holds the write lock of an index. */
public final class StoreLockedException extends StoreException {
    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
