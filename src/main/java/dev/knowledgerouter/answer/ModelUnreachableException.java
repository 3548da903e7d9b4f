package dev.knowledgerouter.answer;

/**
 * A model whose server could not be reached at all (nothing listening, no such host): the failure that
 * repeats until someone starts the server, unlike a timeout or an HTTP error of a server that is there.
 */
public final class ModelUnreachableException extends ModelUnavailableException {
    public ModelUnreachableException(String message) {
        super(message, null);
    }
}
