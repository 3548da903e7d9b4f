package dev.knowledgerouter.config;

import java.util.Set;

/**
 * When a query leaves the local models for Claude, and which retrieved context goes with it (entries
 * scoring at least {@code contextBar}).
 *
 * <p>The count is of local <em>models</em>, never of retries: each configured model is asked once, and
 * it fails when its call fails (unreachable, timeout, HTTP error, empty answer) or when the answer
 * checks doubt its answer. The query escalates once {@code localFailures} models have failed, or all
 * of them when fewer are configured; for the task types in {@code criticalTaskTypes} after the first.
 * Asking the same model again was not chosen: an unreachable host or a timeout fails again, and a
 * model that hedged tends to hedge again, so a retry buys latency, not answers.
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

    public boolean critical(String taskType) {
        return criticalTaskTypes.contains(taskType);
    }

    /** Local models that may fail before escalation, as configured (1 for critical task types). */
    public int failuresBeforeEscalation(String taskType) {
        return critical(taskType) ? 1 : localFailures;
    }

    /**
     * Local models that fail before the query escalates, with {@code localModels} configured: the
     * configured count, but never more than there are models to fail (and at least one).
     */
    public int failuresBeforeEscalation(String taskType, int localModels) {
        return Math.max(1, Math.min(failuresBeforeEscalation(taskType), localModels));
    }

    /** In words, for {@code kr status}: when a regular and a critical query escalate with this chain. */
    public String describe(int localModels) {
        int regular = failuresBeforeEscalation("", localModels);
        String models = localModels + (localModels == 1 ? " local model" : " local models");
        return "to Claude after " + regular + (regular == 1 ? " local failure" : " local failures")
                + " (" + models + " configured, escalation.local_failures " + localFailures + "; each model asked"
                + " once, a doubted answer counts as a failure); critical task types "
                + String.join(", ", criticalTaskTypes.stream().sorted().toList()) + " after 1";
    }
}
