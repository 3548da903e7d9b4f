package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.answer.Usage;
import java.time.Instant;
import java.util.List;

/**
 * One answered query as stored in {@code interaction-history}. {@code routedTo} is the router's
 * choice; {@code answeredBy} is who really answered (local, remote or retrieval), which differs when
 * the chosen model was unavailable. {@code user} is who asked, when the request named one: the
 * answer is reused for that user only, unless interactions are shared ({@link InteractionScope}).
 */
public record Interaction(
        String id,
        Instant timestamp,
        String query,
        String answer,
        String routedTo,
        String answeredBy,
        String model,
        String profile,
        String taskType,
        double relevance,
        int complexity,
        String reason,
        List<String> reasons,
        String status,
        String outcome,
        String note,
        List<String> contextIds,
        List<Attempt> attempts,
        Usage usage,
        Timings timings,
        String user) {}
