package dev.knowledgerouter.http;

import dev.knowledgerouter.app.QueryResult;
import dev.knowledgerouter.app.QueryStream;
import dev.knowledgerouter.app.RouteEvent;
import dev.knowledgerouter.app.RoutePhases;
import java.util.List;

/**
 * A streamed chat completion in OpenAI's chunk format, written as the answer comes: the role once the
 * route is decided, a {@code chat.completion.chunk} per piece of content, then the stop (with the router's
 * {@code kr_route}), the usage when {@code stream_options.include_usage} asked for it, and {@code [DONE]}.
 * While a local answer is held for its checks, comment lines keep the connection alive (clients ignore
 * them) and notice a client that has left. Every chunk names the model as the request did: who answers is
 * known only at the end, and {@code kr_route.model} in the stop chunk names it.
 */
final class OpenAiStream implements QueryStream {
    private static final String CHUNK = "chat.completion.chunk";
    private static final String ROLE = "assistant";
    /** One keep-alive comment per this many held pieces: enough to notice a closed connection within a line or two. */
    static final int HELD_PIECES_PER_COMMENT = 16;

    private final EventStream events;
    private final long created;
    private final boolean includeUsage;
    private final String model;
    private final long parseNanos;
    private String id;

    /** @param parseNanos what reading and checking the request took, reported with the route's timings */
    OpenAiStream(EventStream events, String requestedModel, long created, boolean includeUsage, long parseNanos) {
        this.events = events;
        this.parseNanos = parseNanos;
        this.model = requestedModel;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void routed(RouteEvent route) {
        id = "chatcmpl-" + route.interactionId();
        // Who answers is known only at the end (kr_route in the last chunk); the interaction and the route are known
        // now.
        events.header("X-KR-Interaction-Id", route.interactionId());
        events.header("X-KR-Route", route.decided());
        events.data(chunk(new OpenAiWire.Delta(ROLE, null), null, null));
    }

    @Override
    public void routed(RouteEvent route, RoutePhases phases) {
        events.header(ServerTiming.HEADER, phases.serverTiming(parseNanos));
        routed(route);
    }

    @Override
    public void token(String text) {
        events.data(chunk(new OpenAiWire.Delta(null, text), null, null));
    }

    @Override
    public void held(int pieces) {
        if (pieces % HELD_PIECES_PER_COMMENT == 1) {
            events.comment("the local answer is being written; it is sent once the checks have seen it");
        }
    }

    /** The stop, the usage when asked, and {@code [DONE]}, once the interaction is stored. */
    void finish(QueryResult result) {
        OpenAiCompletion completion = OpenAiCompletion.of(result, created);
        events.data(chunk(new OpenAiWire.Delta(null, null), "stop", completion.route()));
        if (includeUsage) {
            events.data(new OpenAiWire.Chunk(id, CHUNK, created, model, List.of(), completion.usage(), null));
        }
        events.raw("data: [DONE]\n\n");
    }

    /** A failure after the stream began, in the error shape OpenAI streams use, then {@code [DONE]}. */
    void fail(String message) {
        events.data(new OpenAiWire.Error(new OpenAiWire.ErrorBody(message, "server_error", null, null)));
        events.raw("data: [DONE]\n\n");
    }

    private OpenAiWire.Chunk chunk(OpenAiWire.Delta delta, String finishReason, OpenAiWire.KrRoute kr) {
        return new OpenAiWire.Chunk(
                id, CHUNK, created, model, List.of(new OpenAiWire.ChunkChoice(0, delta, finishReason)), null, kr);
    }
}
