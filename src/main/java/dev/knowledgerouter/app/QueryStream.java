package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.TokenSink;

/**
 * A client waiting on a streamed answer: told the route once it is decided, then the answer's pieces as
 * they may be shown ({@link TokenSink}). The final record comes back from {@link QueryService#query} as
 * usual, after the interaction is stored.
 */
public interface QueryStream extends TokenSink {
    /** No client streams: the answer is produced whole. */
    QueryStream NONE = new QueryStream() {
        @Override
        public void routed(RouteEvent route) {}

        @Override
        public void token(String text) {}

        @Override
        public boolean visible() {
            return false;
        }
    };

    void routed(RouteEvent route);

    /** The route, with where the time to it went; streams that do not report timings hear the route alone. */
    default void routed(RouteEvent route, RoutePhases phases) {
        routed(route);
    }
}
