package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Reuse;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.learn.CheckSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored interaction as {@code GET /v1/interactions} lists it: the question, the answer, the route
 * in the shape {@code POST /v1/query} answers with ({@code target} who answered, {@code decided} the
 * router's choice), and how it turned out, feedback included ({@code verdict} is the one in force,
 * {@code feedback} how many were given), {@code user}, who asked, when the request named one, and
 * {@code conversation}, the id the turns of one chat share (absent on interactions stored before it).
 */
public record InteractionView(
        String id,
        Instant timestamp,
        String query,
        String answer,
        String status,
        String outcome,
        String verdict,
        int feedback,
        Route route,
        Long latencyMs,
        String user,
        String conversation) {

    /** As {@link QueryResponse.Route}, read back from the stored interaction. */
    public record Route(
            String target,
            String decided,
            String model,
            String reason,
            Double relevance,
            Integer complexity,
            String profile,
            String note,
            List<String> reasons,
            CheckView checks,
            Reuse reusedFrom) {}

    public static InteractionView of(StoredEntry e) {
        Map<String, Object> p = e.payload();
        Object timings = p.get("timings");
        Long latency = timings instanceof Map<?, ?> t && t.get("total_ms") instanceof Number n ? n.longValue() : null;
        Route route = new Route(
                text(p, "answered_by"),
                text(p, "routed_to"),
                text(p, "model"),
                text(p, "reason"),
                p.get("relevance") instanceof Number n ? QueryResponse.round(n.doubleValue()) : null,
                p.get("complexity") instanceof Number n ? n.intValue() : null,
                text(p, "profile"),
                text(p, "note"),
                texts(p.get("reasons")),
                CheckSummary.in(p).map(CheckView::of).orElse(null),
                reuse(p.get("reused_from")));
        // The list keeps the latest verdicts only; the count is of all (absent on interactions rated before it).
        int kept = p.get("feedback") instanceof List<?> l ? l.size() : 0;
        int feedback = p.get("feedback_count") instanceof Number n ? n.intValue() : kept;
        return new InteractionView(
                e.id(),
                e.timestamp(),
                text(p, "query"),
                text(p, "answer"),
                text(p, "status"),
                text(p, "outcome"),
                text(p, "verdict"),
                feedback,
                route,
                latency,
                text(p, "user"),
                text(p, "conversation"));
    }

    private static Reuse reuse(Object stored) {
        if (stored instanceof Map<?, ?> m && m.get("reference") instanceof String ref) {
            return new Reuse(
                    ref,
                    String.valueOf(m.get("kind")),
                    m.get("relevance") instanceof Number n ? n.doubleValue() : Double.NaN);
        }
        return null;
    }

    private static String text(Map<String, Object> payload, String key) {
        Object v = payload.get(key);
        return v == null ? null : v.toString();
    }

    private static List<String> texts(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
