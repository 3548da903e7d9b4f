package dev.knowledgerouter.learn;

/** Feedback named an interaction id the history does not have. */
public final class UnknownInteractionException extends RuntimeException {
    public UnknownInteractionException(String id) {
        super("no interaction with id '" + id + "'; ids are in the interaction_id field of query responses");
    }
}
