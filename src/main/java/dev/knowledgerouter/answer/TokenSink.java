package dev.knowledgerouter.answer;

/**
 * Where an answer goes while a model writes it. {@link #token} receives each piece as it comes; a sink
 * that is {@link #visible()} shows it to the client at once. A local answer the checks have not yet seen
 * goes to a sink that only counts it ({@link #held}), so that the client can be shown progress and a
 * closed connection is noticed. Either may throw {@link ReceiverGoneException} when the client has gone;
 * the model's stream is then cancelled and the answer ends with what was produced.
 */
public interface TokenSink {
    /** Nobody listens: answers are produced whole, as before streaming. */
    TokenSink NONE = new TokenSink() {
        @Override
        public void token(String text) {}

        @Override
        public boolean visible() {
            return false;
        }
    };

    void token(String text);

    /**
     * A model has written {@code pieces} pieces of an answer held back until the checks have seen it.
     * Default: nothing to show.
     */
    default void held(int pieces) {}

    /** Whether what {@link #token} receives reaches the client (and so cannot be taken back). */
    default boolean visible() {
        return true;
    }

    /** A sink that holds every piece back, telling this one only how many have come. */
    default TokenSink holding() {
        TokenSink outer = this;
        return new TokenSink() {
            private int pieces;

            @Override
            public void token(String text) {
                outer.held(++pieces);
            }

            @Override
            public boolean visible() {
                return false;
            }
        };
    }
}
