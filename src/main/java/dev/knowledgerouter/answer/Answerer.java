package dev.knowledgerouter.answer;

import dev.knowledgerouter.route.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Produces the answer for a routed query. The routed model is tried first; a remote route without
 * Claude (or with Claude failing) falls back to the local model, because free local work is never
 * blocked by the paid one; when no model answers, the best stored entry is returned, labelled.
 * This is the seam for fallback chains, escalation, caps and the cost ledger.
 */
public final class Answerer {
    private final Optional<ChatClient> local;
    private final Optional<ChatClient> remote;
    private final PromptBuilder prompts;

    public Answerer(Optional<ChatClient> local, Optional<ChatClient> remote, PromptBuilder prompts) {
        this.local = local;
        this.remote = remote;
        this.prompts = prompts;
    }

    /**
     * @param retrievalBar the relevance a stored entry needs to be offered as a retrieval-only answer
     *                     (the routing profile's lowest local threshold: below it, the match is not trusted)
     */
    public Answer answer(String query, Target target, List<ContextPassage> context, double retrievalBar) {
        Prompt prompt = prompts.build(query, context);
        List<Attempt> attempts = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (target == Target.REMOTE) {
            if (remote.isEmpty()) {
                why.add("Claude is not configured (set ANTHROPIC_API_KEY)");
            } else {
                Optional<Answer> a = attempt(remote.get(), AnswerSource.REMOTE, prompt, attempts, why);
                if (a.isPresent()) {
                    return a.get();
                }
            }
        }
        if (local.isPresent()) {
            Optional<Answer> a = attempt(local.get(), AnswerSource.LOCAL, prompt, attempts, why);
            if (a.isPresent()) {
                return a.get();
            }
        } else {
            why.add("no local model is configured");
        }
        String reason = String.join("; ", why);
        return new Answer(AnswerSource.RETRIEVAL, "retrieval", RetrievalAnswer.build(context, retrievalBar, reason, remedy()), reason, attempts);
    }

    private String remedy() {
        List<String> steps = new ArrayList<>();
        local.ifPresent(l -> steps.add("start Ollama (`ollama serve`) with the configured model (`ollama pull " + l.name().replaceFirst("^ollama/", "") + "`)"));
        if (remote.isEmpty()) {
            steps.add("set ANTHROPIC_API_KEY to let Claude answer");
        }
        return steps.isEmpty() ? "The note says why the configured models failed." : "To get a model answer: " + String.join(", or ", steps) + ".";
    }

    private static Optional<Answer> attempt(ChatClient client, AnswerSource source, Prompt prompt, List<Attempt> attempts, List<String> why) {
        long start = System.nanoTime();
        try {
            ModelReply reply = client.chat(prompt);
            attempts.add(new Attempt(client.name(), Attempt.Outcome.SUCCESS, null, millisSince(start), reply.inputTokens(), reply.outputTokens()));
            String note = why.isEmpty() ? null : String.join("; ", why) + "; answered by " + client.name();
            return Optional.of(new Answer(source, client.name(), reply.text(), note, attempts));
        } catch (ModelUnavailableException e) {
            attempts.add(new Attempt(client.name(), Attempt.Outcome.FAILURE, e.getMessage(), millisSince(start), null, null));
            why.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
