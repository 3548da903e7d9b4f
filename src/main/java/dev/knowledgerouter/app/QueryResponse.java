package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.Reuse;
import dev.knowledgerouter.learn.CheckSummary;
import dev.knowledgerouter.learn.Timings;
import java.util.List;
import java.util.Locale;

/**
 * The wire shape of an answered query, shared by {@code POST /v1/query} and {@code kr query --json}
 * so that a CLI talking to a running server and one running in-process print the same thing.
 */
public record QueryResponse(
        String interactionId,
        String answer,
        String status,
        Route route,
        List<Context> context,
        List<AttemptView> attempts,
        UsageView usage,
        long latencyMs,
        Timings timings) {

    /** Paid tokens of this answer and their cost (zero when answered locally or from the store). */
    public record UsageView(long inputTokens, long outputTokens, double costUsd) {}

    /**
     * {@code target} is who answered (local, remote or retrieval); {@code decided} is the router's
     * choice, which differs when the chosen model was unavailable ({@code note} says why). {@code checks}
     * is what the answer checks made of the local answer (absent when none was checked);
     * {@code reusedFrom} the stored entry a {@code reused} answer came from.
     */
    public record Route(
            String target,
            String decided,
            String model,
            String reason,
            double relevance,
            int complexity,
            String profile,
            String note,
            List<String> reasons,
            CheckView checks,
            Reuse reusedFrom) {}

    public record Context(String collection, String id, double score, String text) {}

    public record AttemptView(
            String model, String outcome, String error, long latencyMs, Integer inputTokens, Integer outputTokens) {}

    public static QueryResponse of(QueryResult r) {
        var d = r.decision();
        var a = r.answer();
        return new QueryResponse(
                r.interactionId(),
                a.text(),
                a.status(),
                new Route(
                        a.source().wireName(),
                        d.target().wireName(),
                        a.model(),
                        d.reason(),
                        round(d.relevance()),
                        d.complexity().score(),
                        d.profile(),
                        a.note(),
                        d.reasons(),
                        a.judgement()
                                .flatMap(CheckSummary::of)
                                .map(CheckView::of)
                                .orElse(null),
                        a.reuse().orElse(null)),
                r.context().stream().map(QueryResponse::context).toList(),
                a.attempts().stream().map(QueryResponse::attempt).toList(),
                new UsageView(
                        a.usage().inputTokens(),
                        a.usage().outputTokens(),
                        Math.round(a.usage().costUsd() * 1_000_000) / 1_000_000.0),
                r.timings().totalMs(),
                r.timings());
    }

    private static Context context(ContextPassage p) {
        return new Context(p.collection(), p.id(), round(p.score()), p.text());
    }

    private static AttemptView attempt(Attempt a) {
        return new AttemptView(
                a.model(),
                a.outcome().name().toLowerCase(Locale.ROOT),
                a.error(),
                a.latencyMs(),
                a.inputTokens(),
                a.outputTokens());
    }

    static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
