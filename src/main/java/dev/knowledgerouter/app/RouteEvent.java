package dev.knowledgerouter.app;

import dev.knowledgerouter.route.Decision;
import java.util.List;

/**
 * The router's decision as a streamed answer announces it, before any model writes: the interaction the
 * answer will be stored as, where the router sends the query and why. Who answered in the end is in the
 * final record.
 */
public record RouteEvent(
        String interactionId,
        String decided,
        String reason,
        double relevance,
        int complexity,
        String profile,
        List<String> reasons) {
    public RouteEvent {
        reasons = List.copyOf(reasons);
    }

    static RouteEvent of(String interactionId, Decision d) {
        return new RouteEvent(
                interactionId,
                d.target().wireName(),
                d.reason(),
                QueryResponse.round(d.relevance()),
                d.complexity().score(),
                d.profile(),
                d.reasons());
    }
}
