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
 *   <li>A local route asks the local chain (primary, then fallbacks), each model once. A local answer
 *       is released only when the {@link AnswerJudge} trusts it; a failed call or a doubted answer is a
 *       local failure. After {@code escalation.local_failures} failed models (all of them when fewer are
 *       configured; 1 for critical task types) the query escalates to Claude, with the context above
 *       the escalation bar, the failed calls summarised and the doubted answers with their failed checks.</li>
 *   <li>A remote route (or {@code prefer: remote}) calls Claude first.</li>
 *   <li>A route the caller forced to local never calls Claude, and one naming a local model tries that model alone.</li>
 *   <li>Claude is only called when the {@link CostGuard} allows it; when it does not (no key, cap,
 *       budget) or fails, the answer degrades to the rest of the local chain, then to the least doubted
 *       local answer (status {@code unverified}, the note naming the failed checks), then to the best
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
    private final AnswerJudge judge;

    /** An answerer that trusts every local answer it gets ({@link AnswerJudge#TRUSTING}). */
    public Answerer(
            List<ChatClient> localChain,
            Optional<ChatClient> remote,
            PromptBuilder prompts,
            EscalationSettings escalation,
            CostGuard guard,
            UsageLedger ledger,
            CostSettings cost,
            Clock clock) {
        this(localChain, remote, prompts, escalation, guard, ledger, cost, clock, AnswerJudge.TRUSTING);
    }

    public Answerer(
            List<ChatClient> localChain,
            Optional<ChatClient> remote,
            PromptBuilder prompts,
            EscalationSettings escalation,
            CostGuard guard,
            UsageLedger ledger,
            CostSettings cost,
            Clock clock,
            AnswerJudge judge) {
        this.localChain = List.copyOf(localChain);
        this.remote = remote;
        this.prompts = prompts;
        this.escalation = escalation;
        this.guard = guard;
        this.ledger = ledger;
        this.cost = cost;
        this.clock = clock;
        this.judge = judge;
    }

    public Answer answer(AnswerRequest request) {
        return answer(request, TokenSink.NONE);
    }

    /**
     * The same answer, streamed to {@code sink}: Claude's pieces as they come, a local answer once the
     * judge trusts it (whole, since the checks need all of it), and the retrieval-only answer at once. A
     * client that leaves mid-answer ends it with what was produced, status {@code interrupted}.
     */
    public Answer answer(AnswerRequest request, TokenSink sink) {
        AnswerRun run = new AnswerRun();
        try {
            return chain(request, run, sink);
        } catch (StreamEnded ended) {
            return ended.answer(run);
        }
    }

    private Answer chain(AnswerRequest request, AnswerRun run, TokenSink sink) {
        Prompt localPrompt = prompts.build(request.query(), request.context())
                .with(request.generation())
                .in(request.conversation());
        List<ChatClient> localChain =
                request.forced().flatMap(f -> f.model()).map(this::pinned).orElse(this.localChain);
        boolean remoteAllowed = request.forced().map(f -> f.allowsRemote()).orElse(true);
        boolean remoteFirst = request.target() == Target.REMOTE || request.preferRemote();
        boolean remoteTried = false;
        int next = 0;

        if (!remoteFirst) {
            int allowedFailures = escalation.failuresBeforeEscalation(request.taskType(), localChain.size());
            while (next < localChain.size() && run.localFailures() < allowedFailures) {
                Optional<Answer> a = tryLocal(localChain.get(next++), localPrompt, request, run, true, sink);
                if (a.isPresent()) {
                    return a.get();
                }
            }
        }
        if (remoteAllowed && (remoteFirst || run.localFailures() > 0)) {
            remoteTried = true;
            Optional<Answer> a = tryRemote(request, run, !remoteFirst, sink);
            if (a.isPresent()) {
                return a.get();
            }
        }
        while (next < localChain.size()) {
            Optional<Answer> a =
                    tryLocal(localChain.get(next++), localPrompt, request, run, !remoteFirst && !remoteTried, sink);
            if (a.isPresent()) {
                return a.get();
            }
        }
        if (localChain.isEmpty()) {
            run.why.add("no local model is configured");
        }
        if (!remoteAllowed) {
            run.why.add("Claude not called: the request asked for "
                    + request.forced().orElseThrow().describe());
        } else if (!remoteTried && remote.isEmpty()) {
            run.why.add("Claude is not configured (set ANTHROPIC_API_KEY)");
        }
        Optional<AnswerRun.Doubted> doubted = run.leastDoubted();
        if (doubted.isPresent()) {
            ChatClient writer = localChain.stream()
                    .filter(c -> c.name().equals(doubted.get().model()))
                    .findFirst()
                    .orElseThrow();
            release(sink, writer, doubted.get().reply().text());
            return unverified(doubted.get(), run);
        }
        String reason = run.note();
        String retrieved = RetrievalAnswer.build(
                request.context(), request.retrievalBar(), reason, remedy(localChain, remoteAllowed));
        try {
            sink.token(retrieved);
        } catch (ReceiverGoneException e) {
            // Nothing was generated for the client; the answer is stored whole all the same.
        }
        return new Answer(
                AnswerSource.RETRIEVAL,
                "retrieval",
                retrieved,
                Answer.DEGRADED,
                reason,
                run.attempts,
                Usage.NONE,
                run.lastJudgement(),
                Optional.empty());
    }

    /** The named local model alone; empty when it is not in the chain (the caller checks names against the configuration). */
    private List<ChatClient> pinned(String model) {
        return localChain.stream()
                .filter(c -> c.name().substring(c.name().indexOf('/') + 1).equals(model))
                .toList();
    }

    /** @param asRouted whether a local answer is what the route asked for (else it stands in for Claude) */
    private Optional<Answer> tryLocal(
            ChatClient client, Prompt prompt, AnswerRequest request, AnswerRun run, boolean asRouted, TokenSink sink) {
        boolean first = run.attempts.isEmpty();
        // A judged answer is held until it is trusted: what reached the client could not be taken back.
        boolean held = judge != AnswerJudge.TRUSTING;
        Optional<ModelReply> reply = call(client, prompt, run, held ? sink.holding() : sink, sink);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        ModelReply r = reply.get();
        Judgement judgement = judge.judge(new CandidateAnswer(
                request.query(),
                request.context(),
                client.name(),
                r,
                request.retrievalBar(),
                request.profile(),
                escalation.critical(request.taskType())));
        run.judged(judgement);
        if (judgement instanceof Judgement.Doubtful d) {
            run.doubt(client.name(), r, d);
            return Optional.empty();
        }
        if (held) {
            release(sink, client, r.text());
        }
        String status = !asRouted ? Answer.DEGRADED : first ? Answer.OK : Answer.FALLBACK;
        String note = run.why.isEmpty() ? null : run.note() + "; answered by " + client.name();
        return Optional.of(new Answer(
                AnswerSource.LOCAL,
                client.name(),
                r.text(),
                status,
                note,
                run.attempts,
                Usage.NONE,
                run.lastJudgement(),
                Optional.empty()));
    }

    /** The least doubted local answer, released because nothing better answered; the note names the failed checks. */
    private static Answer unverified(AnswerRun.Doubted d, AnswerRun run) {
        return new Answer(
                AnswerSource.LOCAL,
                d.model(),
                d.reply().text(),
                Answer.UNVERIFIED,
                run.note() + "; answered by " + d.model() + ", unverified",
                run.attempts,
                Usage.NONE,
                Optional.of(d.judgement()),
                Optional.empty());
    }

    private Optional<Answer> tryRemote(AnswerRequest request, AnswerRun run, boolean escalating, TokenSink sink) {
        if (remote.isEmpty()) {
            run.why.add("Claude is not configured (set ANTHROPIC_API_KEY)");
            return Optional.empty();
        }
        ChatClient claude = remote.get();
        String model = claude.name().replaceFirst("^claude/", "");
        List<ContextPassage> context = request.context().stream()
                .filter(p -> p.score() >= escalation.contextBar())
                .toList();
        long failuresBefore = run.localFailures();
        long doubtedBefore = run.doubtedAnswers().size();
        Prompt prompt = prompts.build(request.query(), context, run.failureSummary(), run.doubtedAnswers())
                .with(request.generation())
                .in(request.conversation());
        Reservation reservation = guard.reserve(request.interactionId(), model, estimatedCost(claude, model, prompt));
        if (reservation instanceof Reservation.Refused refused) {
            run.why.add("Claude not called: " + refused.reason());
            return Optional.empty();
        }
        Hold hold = ((Reservation.Granted) reservation).hold();
        String reason = escalating
                ? "escalated after " + failuresBefore + " local failures"
                        + (doubtedBefore == 0 ? "" : " (" + doubtedBefore + " answer(s) doubted by the checks)")
                : request.preferRemote() ? "user preferred remote" : "routed remote";
        Optional<ModelReply> reply;
        try {
            reply = call(claude, prompt, run, sink, sink);
        } catch (StreamEnded ended) {
            // A stream cut short was still paid for, as far as it went (the API reports usage only at its end).
            long out = ended.estimatedOutputTokens();
            ledger.settle(
                    hold,
                    new UsageRecord(
                            clock.instant(),
                            request.interactionId(),
                            model,
                            request.taskType(),
                            reason,
                            0,
                            out,
                            cost.priceOf(model).cost(0, out),
                            false));
            throw ended.remote(new Usage(0, out, cost.priceOf(model).cost(0, out)));
        } catch (RuntimeException e) {
            ledger.release(hold);
            throw e;
        }
        Attempt last = run.attempts.getLast();
        long in = last.inputTokens() == null ? 0 : last.inputTokens();
        long out = last.outputTokens() == null ? 0 : last.outputTokens();
        double costUsd = cost.priceOf(model).cost(in, out);
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
            String note = run.why.isEmpty() ? null : run.note() + "; answered by " + claude.name();
            return new Answer(
                    AnswerSource.REMOTE,
                    claude.name(),
                    r.text(),
                    escalating ? Answer.ESCALATED : Answer.OK,
                    note,
                    run.attempts,
                    new Usage(in, out, costUsd),
                    run.lastJudgement(),
                    Optional.empty());
        });
    }

    /**
     * What the call may cost at most, held against the budgets until it returns: the prompt at about three
     * characters a token (English runs nearer four), earlier turns included, and every output token the call may bill.
     */
    private double estimatedCost(ChatClient claude, String model, Prompt prompt) {
        long chars = prompt.system().length()
                + prompt.user().length()
                + prompt.history().stream().mapToLong(t -> t.content().length()).sum();
        long inputTokens = (chars + 2) / 3;
        return cost.priceOf(model).cost(inputTokens, claude.maxOutputTokens());
    }

    /**
     * @param to where the model's pieces go ({@code client} itself, or a holding sink for a local answer)
     * @param client the sink the client reads; without one the model is not streamed
     */
    private static Optional<ModelReply> call(
            ChatClient model, Prompt prompt, AnswerRun run, TokenSink to, TokenSink client) {
        long start = System.nanoTime();
        try {
            ModelReply reply = client.visible() ? model.stream(prompt, to) : model.chat(prompt);
            run.attempts.add(new Attempt(
                    model.name(),
                    Attempt.Outcome.SUCCESS,
                    null,
                    millisSince(start),
                    reply.inputTokens(),
                    reply.outputTokens(),
                    reply.trim().map(ContextTrim::reason).orElse(null)));
            return Optional.of(reply);
        } catch (StreamBrokenException e) {
            run.attempts.add(
                    new Attempt(model.name(), Attempt.Outcome.FAILURE, e.getMessage(), millisSince(start), null, null));
            run.why.add(e.getMessage());
            throw StreamEnded.broken(model, e.produced(), run.note());
        } catch (ReceiverGoneException e) {
            String why = "stopped: " + e.getMessage();
            run.attempts.add(new Attempt(model.name(), Attempt.Outcome.SUCCESS, why, millisSince(start), null, null));
            throw StreamEnded.interrupted(model, e.produced(), why);
        } catch (ModelUnavailableException e) {
            run.attempts.add(
                    new Attempt(model.name(), Attempt.Outcome.FAILURE, e.getMessage(), millisSince(start), null, null));
            run.why.add(e.getMessage());
            return Optional.empty();
        }
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

    /** A held answer handed to the client; a client already gone leaves it stored whole, status interrupted. */
    private static void release(TokenSink sink, ChatClient model, String text) {
        try {
            sink.token(text);
        } catch (ReceiverGoneException e) {
            throw StreamEnded.interrupted(model, text, "stopped: " + e.getMessage());
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
