package dev.knowledgerouter.http;

import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.QueryStream;
import dev.knowledgerouter.app.RouteEvent;
import dev.knowledgerouter.app.RoutePhases;
import java.util.Map;

/**
 * {@code POST /v1/query} as server-sent events, for a client that sends {@code Accept: text/event-stream}:
 * {@code route} once the router has decided (the interaction id, where it sends the query and why), a
 * {@code token} per piece of the answer ({@code {"text"}}), {@code progress} while a local answer is held
 * for its checks ({@code {"held_pieces"}}), and {@code done} with the whole record {@code POST /v1/query}
 * answers without streaming, once the interaction is stored; {@code error} instead when it failed after
 * the stream began.
 */
final class QueryEvents implements QueryStream {
    private final EventStream events;
    private final long parseNanos;

    /** @param parseNanos what reading and checking the request took, reported with the route's timings */
    QueryEvents(EventStream events, long parseNanos) {
        this.events = events;
        this.parseNanos = parseNanos;
    }

    @Override
    public void routed(RouteEvent route, RoutePhases phases) {
        events.header(ServerTiming.HEADER, phases.serverTiming(parseNanos));
        routed(route);
    }

    @Override
    public void routed(RouteEvent route) {
        events.header("X-KR-Interaction-Id", route.interactionId());
        events.event("route", route);
    }

    @Override
    public void token(String text) {
        events.event("token", Map.of("text", text));
    }

    @Override
    public void held(int pieces) {
        if (pieces % OpenAiStream.HELD_PIECES_PER_COMMENT == 1) {
            events.event("progress", Map.of("held_pieces", pieces));
        }
    }

    void done(QueryResponse response) {
        events.event("done", response);
    }

    void fail(String code, String message) {
        events.event("error", new ApiError(code, message));
    }
}
