package dev.knowledgerouter.knowledge;

/** The store cannot do what was asked; the message says why and what to do. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
