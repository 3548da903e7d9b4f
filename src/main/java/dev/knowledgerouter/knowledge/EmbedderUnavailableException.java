package dev.knowledgerouter.knowledge;

/**
 * The embedder cannot turn text into vectors as configured: its server is down or busy, the model is
 * not pulled, or it answers with vectors that do not fit. The message says what happened and what
 * to do; it never carries the texts that were sent.
 */
public final class EmbedderUnavailableException extends RuntimeException {
    public EmbedderUnavailableException(String message) {
        super(message);
    }

    public EmbedderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
