package dev.knowledgerouter.learn;

import java.time.Instant;
import java.util.List;

/**
 * Paid usage over three windows, by model, what is left under the cap, and the estimated saving; {@code warnings}
 * says what makes the figures doubtful (a configured model without a price), empty when nothing does.
 */
public record UsageReport(
        Instant generatedAt,
        int maxCallsPerHour,
        int callsLeftThisHour,
        Double dailyBudgetUsd,
        Double monthlyBudgetUsd,
        Window lastHour,
        Window today,
        Window month,
        List<ModelUsage> byModel,
        Saving estimatedSaving,
        List<String> warnings) {

    public UsageReport {
        // A server from before warnings existed sends none.
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public record Window(int calls, int failedCalls, long inputTokens, long outputTokens, double costUsd) {}

    public record ModelUsage(String model, int calls, long inputTokens, long outputTokens, double costUsd) {}

    /**
     * What this month's locally answered interactions would have cost at the remote model's price,
     * from their real token counts. An estimate: Claude would have used a different number of tokens.
     */
    public record Saving(
            double usd, int localAnswers, long inputTokens, long outputTokens, String pricedAs, String note) {}
}
