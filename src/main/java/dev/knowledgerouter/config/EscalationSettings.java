package dev.knowledgerouter.config;

import java.util.Set;

/**
 * When a query leaves the local models for Claude: after {@code localFailures} failed local attempts
 * ({@code 1} for the task types in {@code criticalTaskTypes}); and which retrieved context goes
 * with it (entries scoring at least {@code contextBar}).
 */
public record EscalationSettings(int localFailures, Set<String> criticalTaskTypes, double contextBar) {
    public EscalationSettings {
        criticalTaskTypes = Set.copyOf(criticalTaskTypes);
        if (localFailures < 1) {
            throw new ConfigException("escalation.local_failures must be at least 1, got " + localFailures);
        }
    }

    public static EscalationSettings defaults() {
        return new EscalationSettings(2, Set.of("critical"), 0.7);
    }

    public int failuresBeforeEscalation(String taskType) {
        return criticalTaskTypes.contains(taskType) ? 1 : localFailures;
    }
}
