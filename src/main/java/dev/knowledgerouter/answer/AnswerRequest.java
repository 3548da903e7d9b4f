package dev.knowledgerouter.answer;

import dev.knowledgerouter.route.ForcedRoute;
import dev.knowledgerouter.route.Target;
import java.util.List;
import java.util.Optional;

/**
 * What the answer step needs: the question, the router's target, the retrieved context, the
 * relevance a stored entry needs to be offered on its own, the task type (critical ones escalate
 * sooner), whether the user asked for Claude, a route the caller forced (which limits who may answer),
 * the routing profile (whose threshold a local answer's check is held to), and how long and how freely the
 * answering model may write ({@code generation}, what the request asked), and the {@code conversation} the
 * question closes (the client's instructions and the earlier turns, which the answering model sees).
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
        String profile,
        Generation generation,
        Conversation conversation) {
    public AnswerRequest {
        context = List.copyOf(context);
        profile = profile == null ? taskType : profile;
        generation = generation == null ? Generation.NONE : generation;
        conversation = conversation == null ? Conversation.NONE : conversation;
    }

    /** A question asked on its own. */
    public AnswerRequest(
            String interactionId,
            String query,
            Target target,
            List<ContextPassage> context,
            double retrievalBar,
            String taskType,
            boolean preferRemote,
            Optional<ForcedRoute> forced,
            String profile,
            Generation generation) {
        this(
                interactionId,
                query,
                target,
                context,
                retrievalBar,
                taskType,
                preferRemote,
                forced,
                profile,
                generation,
                Conversation.NONE);
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
        this(
                interactionId,
                query,
                target,
                context,
                retrievalBar,
                taskType,
                preferRemote,
                forced,
                taskType,
                Generation.NONE);
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
