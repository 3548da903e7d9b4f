package dev.knowledgerouter.answer;

/**
 * The client stopped reading mid-stream (closed the connection, pressed stop). Thrown by a
 * {@link TokenSink}; a streaming call that sees it cancels the model's stream and rethrows it with what
 * the model had produced, so the answer can be stored as far as it went.
 */
public final class ReceiverGoneException extends RuntimeException {
    private final String produced;

    public ReceiverGoneException(String why) {
        this(why, "");
    }

    private ReceiverGoneException(String why, String produced) {
        super(why, null, false, false);
        this.produced = produced;
    }

    /** The text the model had written when the client left; empty when it had written nothing. */
    public String produced() {
        return produced;
    }

    ReceiverGoneException withProduced(String text) {
        return new ReceiverGoneException(getMessage(), text);
    }
}
