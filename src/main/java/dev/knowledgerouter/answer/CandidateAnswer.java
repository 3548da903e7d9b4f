package dev.knowledgerouter.answer;

import java.util.List;

/**
 * A local answer awaiting judgement, with what a judge needs to weigh it: the question, the context
 * the model was given, the model and its reply (text, tokens, why it stopped), the relevance above
 * which the answer should stay within that context, the routing profile and whether the task is
 * critical (both make escalation more or less ready).
 */
public record CandidateAnswer(
        String question,
        List<ContextPassage> context,
        String model,
        ModelReply reply,
        double relevanceBar,
        String profile,
        boolean critical) {
    public CandidateAnswer {
        context = List.copyOf(context);
    }
}
