package dev.knowledgerouter.answer;

import dev.knowledgerouter.route.Target;
import java.util.List;

/**
 * What the answer step needs: the question, the router's target, the retrieved context, the
 * relevance a stored entry needs to be offered on its own, the task type (critical ones escalate
 * sooner) and whether the user asked for Claude.
 */
public record AnswerRequest(String interactionId, String query, Target target, List<ContextPassage> context, double retrievalBar,
                            String taskType, boolean preferRemote) {
    public AnswerRequest {
        context = List.copyOf(context);
    }
}
