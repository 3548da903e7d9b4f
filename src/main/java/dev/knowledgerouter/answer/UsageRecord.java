package dev.knowledgerouter.answer;

import java.time.Instant;

/** One paid model call as the ledger keeps it: tokens as the API reported them and their cost. */
public record UsageRecord(
        Instant timestamp,
        String interactionId,
        String model,
        String taskType,
        String reason,
        long inputTokens,
        long outputTokens,
        double costUsd,
        boolean success) {}
