package dev.knowledgerouter.answer;

import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.config.EscalationSettings;
import dev.knowledgerouter.route.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Produces the answer for a routed query.
 * <ul>
 *   <li>A local route tries the local chain (primary, then fallbacks); after N failures (1 for
 *       critical task types) the query escalates to Claude, with the context above the escalation
 *       bar and a summary of the local failures.</li>
 *   <li>A remote route (or {@code prefer: remote}) calls Claude first.</li>
 *   <li>A route the caller forced to local never calls Claude, and one naming a local model tries that model alone.</li>
 *   <li>Claude is only called when the {@link CostGuard} allows it; when it does not (no key, cap,
 *       budget) or fails, the answer degrades to the rest of the local chain, then to the best
 *       stored entry, and the status says exactly why: free local work is never blocked by a paid limit.</li>
 * </ul>
 * A paid call holds its slot and estimated cost in the {@link UsageLedger} before it is made (so
 * concurrent queries never pass a cap together), and is settled there with its real cost before the
 * answer is returned.
 */
public final class Answerer {
    private final List<ChatClient> localChain;
    private final Optional<ChatClient> remote;
    private final PromptBuilder prompts;
    private final EscalationSettings escalation;
    private final CostGuard guard;
    private final UsageLedger ledger;
    private final CostSettings cost;
    private final Clock clock;

    public Answerer(
            List<ChatClient> localChain,
            Optional<ChatClient> remote,
            PromptBuilder prompts,
            EscalationSettings escalation,
            CostGuard guard,
            UsageLedger ledger,
            CostSettings cost,
            Clock clock) {
        this.localChain = List.copyOf(localChain);
        this.remote = remote;
        this.prompts = prompts;
        this.escalation = escalation;
        this.guard = guard;
        this.ledger = ledger;
        this.cost = cost;
        this.clock = clock;
    }

    public Answer answer(AnswerRequest request) {
        Prompt localPrompt = prompts.build(request.query(), request.context());
        List<Attempt> attempts = new ArrayList<>();
        List<String> why = new ArrayList<>();
        List<ChatClient> localChain =
                request.forced().flatMap(f -> f.model()).map(this::pinned).orElse(this.localChain);
        boolean remoteAllowed = request.forced().map(f -> f.allowsRemote()).orElse(true);
        boolean remoteFirst = request.target() == Target.REMOTE || request.preferRemote();
        boolean remoteTried = false;
        int next = 0;

        if (!remoteFirst) {
            int allowedFailures = escalation.failuresBeforeEscalation(request.taskType());
            while (next < localChain.size() && failures(attempts) < allowedFailures) {
                Optional<Answer> a = tryLocal(localChain.get(next++), localPrompt, attempts, why, true);
                if (a.isPresent()) {
                    return a.get();
                }
            }
        }
        if (remoteAllowed && (remoteFirst || failures(attempts) > 0)) {
            remoteTried = true;
            Optional<Answer> a = tryRemote(request, attempts, why, !remoteFirst);
            if (a.isPresent()) {
                return a.get();
            }
        }
        while (next < localChain.size()) {
            Optional<Answer> a =
                    tryLocal(localChain.get(next++), localPrompt, attempts, why, !remoteFirst && !remoteTried);
            if (a.isPresent()) {
                return a.get();
            }
        }
        if (localChain.isEmpty()) {
            why.add("no local model is configured");
        }
        if (!remoteAllowed) {
            why.add("Claude not called: the request asked for "
                    + request.forced().orElseThrow().describe());
        } else if (!remoteTried && remote.isEmpty()) {
            why.add("Claude is not configured (set ANTHROPIC_API_KEY)");
        }
        String reason = String.join("; ", why);
        return new Answer(
                AnswerSource.RETRIEVAL,
                "retrieval",
                RetrievalAnswer.build(
                        request.context(), request.retrievalBar(), reason, remedy(localChain, remoteAllowed)),
                "degraded",
                reason,
                attempts,
                Usage.NONE);
    }

    /** The named local model alone; empty when it is not in the chain (the caller checks names against the configuration). */
    private List<ChatClient> pinned(String model) {
        return localChain.stream()
                .filter(c -> c.name().equals("ollama/" + model))
                .toList();
    }

    /** @param asRouted whether a local answer is what the route asked for (else it stands in for Claude) */
    private Optional<Answer> tryLocal(
            ChatClient client, Prompt prompt, List<Attempt> attempts, List<String> why, boolean asRouted) {
        boolean first = attempts.isEmpty();
        Optional<ModelReply> reply = call(client, prompt, attempts, why);
        return reply.map(r -> {
            String status = !asRouted ? "degraded" : first ? "ok" : "fallback";
            String note = why.isEmpty() ? null : String.join("; ", why) + "; answered by " + client.name();
            return new Answer(AnswerSource.LOCAL, client.name(), r.text(), status, note, attempts, Usage.NONE);
        });
    }

    private Optional<Answer> tryRemote(
            AnswerRequest request, List<Attempt> attempts, List<String> why, boolean escalating) {
        if (remote.isEmpty()) {
            why.add("Claude is not configured (set ANTHROPIC_API_KEY)");
            return Optional.empty();
        }
        ChatClient claude = remote.get();
        String model = claude.name().replaceFirst("^claude/", "");
        List<ContextPassage> context = request.context().stream()
                .filter(p -> p.score() >= escalation.contextBar())
                .toList();
        Prompt prompt = prompts.build(request.query(), context, failureSummary(attempts));
        Reservation reservation = guard.reserve(request.interactionId(), model, estimatedCost(claude, model, prompt));
        if (reservation instanceof Reservation.Refused refused) {
            why.add("Claude not called: " + refused.reason());
            return Optional.empty();
        }
        Hold hold = ((Reservation.Granted) reservation).hold();
        Optional<ModelReply> reply;
        try {
            reply = call(claude, prompt, attempts, why);
        } catch (RuntimeException e) {
            ledger.release(hold);
            throw e;
        }
        Attempt last = attempts.getLast();
        long in = last.inputTokens() == null ? 0 : last.inputTokens();
        long out = last.outputTokens() == null ? 0 : last.outputTokens();
        double costUsd = cost.priceOf(model).cost(in, out);
        String reason = escalating
                ? "escalated after " + failures(attempts.subList(0, attempts.size() - 1)) + " local failures"
                : request.preferRemote() ? "user preferred remote" : "routed remote";
        // A failed call reports no tokens: settled at no cost, it gives its estimate back and keeps its slot.
        ledger.settle(
                hold,
                new UsageRecord(
                        clock.instant(),
                        request.interactionId(),
                        model,
                        request.taskType(),
                        reason,
                        in,
                        out,
                        costUsd,
                        reply.isPresent()));
        return reply.map(r -> {
            String note = why.isEmpty() ? null : String.join("; ", why) + "; answered by " + claude.name();
            return new Answer(
                    AnswerSource.REMOTE,
                    claude.name(),
                    r.text(),
                    escalating ? "escalated" : "ok",
                    note,
                    attempts,
                    new Usage(in, out, costUsd));
        });
    }

    /**
     * What the call may cost at most, held against the budgets until it returns: the prompt at about three
     * characters a token (English runs nearer four) and every output token the call may bill.
     */
    private double estimatedCost(ChatClient claude, String model, Prompt prompt) {
        long inputTokens = (prompt.system().length() + prompt.user().length() + 2) / 3;
        return cost.priceOf(model).cost(inputTokens, claude.maxOutputTokens());
    }

    private static List<String> failureSummary(List<Attempt> attempts) {
        return attempts.stream()
                .filter(a -> a.outcome() == Attempt.Outcome.FAILURE)
                .map(a -> a.model() + ": " + a.error())
                .toList();
    }

    private static Optional<ModelReply> call(
            ChatClient client, Prompt prompt, List<Attempt> attempts, List<String> why) {
        long start = System.nanoTime();
        try {
            ModelReply reply = client.chat(prompt);
            attempts.add(new Attempt(
                    client.name(),
                    Attempt.Outcome.SUCCESS,
                    null,
                    millisSince(start),
                    reply.inputTokens(),
                    reply.outputTokens()));
            return Optional.of(reply);
        } catch (ModelUnavailableException e) {
            attempts.add(new Attempt(
                    client.name(), Attempt.Outcome.FAILURE, e.getMessage(), millisSince(start), null, null));
            why.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static long failures(List<Attempt> attempts) {
        return attempts.stream()
                .filter(a -> a.outcome() == Attempt.Outcome.FAILURE)
                .count();
    }

    private String remedy(List<ChatClient> localChain, boolean remoteAllowed) {
        List<String> steps = new ArrayList<>();
        if (!localChain.isEmpty()) {
            steps.add("start Ollama (`ollama serve`) with the configured model (`ollama pull "
                    + localChain.getFirst().name().replaceFirst("^ollama/", "") + "`)");
        }
        if (remoteAllowed && remote.isEmpty()) {
            steps.add("set ANTHROPIC_API_KEY to let Claude answer");
        }
        return steps.isEmpty()
                ? "The note says why the configured models failed."
                : "To get a model answer: " + String.join(", or ", steps) + ".";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
