package dev.knowledgerouter.answer;

import dev.knowledgerouter.route.ForcedRoute;
import dev.knowledgerouter.route.Target;
import java.util.List;
import java.util.Optional;

/**
 * What the answer step needs: the question, the router's target, the retrieved context, the
 * relevance a stored entry needs to be offered on its own, the task type (critical ones escalate
 * sooner), whether the user asked for Claude, a route the caller forced (which limits who may answer),
 * and how long and how freely the answering model may write ({@code generation}, what the request asked).
 */
public record AnswerRequest(
        String interactionId,
        String query,
        Target target,
        List<ContextPassage> context,
        double retrievalBar,
        String taskType,
        boolean preferRemote,
        Optional<ForcedRoute> forced,
        Generation generation) {
    public AnswerRequest {
        context = List.copyOf(context);
    }

    public AnswerRequest(
            String interactionId,
            String query,
            Target target,
            List<ContextPassage> context,
            double retrievalBar,
            String taskType,
            boolean preferRemote,
            Optional<ForcedRoute> forced) {
        this(interactionId, query, target, context, retrievalBar, taskType, preferRemote, forced, Generation.NONE);
    }

    public AnswerRequest(
            String interactionId,
            String query,
            Target target,
            List<ContextPassage> context,
            double retrievalBar,
            String taskType,
            boolean preferRemote) {
        this(interactionId, query, target, context, retrievalBar, taskType, preferRemote, Optional.empty());
    }
}
