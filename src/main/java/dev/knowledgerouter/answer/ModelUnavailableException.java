package dev.knowledgerouter.answer;

/** A model could not answer (unreachable, unknown model, HTTP error, timeout or empty answer). */
public class ModelUnavailableException extends Exception {
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
