package dev.knowledgerouter.answer;

/**
 * A model's stream failed after some of its answer had reached the client: the chain cannot start over
 * in front of the reader, so the answer ends with what was produced and says why.
 */
public final class StreamBrokenException extends ModelUnavailableException {
    private final String produced;

    public StreamBrokenException(String message, String produced) {
        super(message, null);
        this.produced = produced;
    }

    public String produced() {
        return produced;
    }
}
