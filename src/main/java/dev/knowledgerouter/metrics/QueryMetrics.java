package dev.knowledgerouter.metrics;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.route.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * Counts what each answered query did, read from its decision and the answer's own attempts: the
 * answer already lists every model call in order, so no model client needs to know about metrics.
 */
public final class QueryMetrics {
    /** How {@code ClaudeChatClient} names itself; every other client is a local model. */
    private static final String CLAUDE = "claude/";

    private final MeterRegistry registry;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Decision decision, Answer answer) {
        Counter.builder("kr.routing.decisions")
                .description(
                        "Answered queries by the router's choice (decided), who really answered (target) and profile")
                .tags(
                        "decided",
                        decision.target().wireName(),
                        "target",
                        answer.source().wireName(),
                        "profile",
                        decision.profile())
                .register(registry)
                .increment();
        List<Attempt> attempts = answer.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            if (a.model().startsWith(CLAUDE)) {
                // Claude is called first or not at all unless local models failed before it: a later call is an
                // escalation.
                claude(a, answer, i > 0);
            } else {
                counter(
                                "kr.local.model.calls",
                                "Calls to local models by model and outcome (failure: unreachable, busy, missing model, timeout)",
                                a)
                        .increment();
            }
        }
    }

    private void claude(Attempt a, Answer answer, boolean escalation) {
        String model = a.model().substring(CLAUDE.length());
        counter("kr.claude.calls", "Calls to Claude by model and outcome", a).increment();
        if (escalation) {
            Counter.builder("kr.escalations")
                    .description("Claude calls made after local models failed, by outcome")
                    .tag("outcome", outcome(a))
                    .register(registry)
                    .increment();
        }
        tokens(model, "input", a.inputTokens());
        tokens(model, "output", a.outputTokens());
        // Only a Claude answer carries usage; a failed call reports no tokens and so costs nothing.
        if (a.outcome() == Attempt.Outcome.SUCCESS) {
            Counter.builder("kr.claude.cost.usd")
                    .description("What Claude calls cost in US dollars, at the configured prices")
                    .tag("model", model)
                    .register(registry)
                    .increment(answer.usage().costUsd());
        }
    }

    private void tokens(String model, String type, Integer count) {
        if (count != null) {
            Counter.builder("kr.claude.tokens")
                    .description("Tokens Claude reported, by model and type (input or output)")
                    .tags("model", model, "type", type)
                    .register(registry)
                    .increment(count);
        }
    }

    private Counter counter(String name, String description, Attempt a) {
        String model = a.model().substring(a.model().indexOf('/') + 1);
        return Counter.builder(name)
                .description(description)
                .tags("model", model, "outcome", outcome(a))
                .register(registry);
    }

    private static String outcome(Attempt a) {
        return a.outcome().name().toLowerCase(Locale.ROOT);
    }
}
