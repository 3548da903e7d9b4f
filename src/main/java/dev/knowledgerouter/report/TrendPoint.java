package dev.knowledgerouter.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One week's headline figures, as the trend lines plot them. Every figure may be null: a week
 * without local attempts has no local success rate, and weeks stored before the answer checks have
 * no failed-check share.
 *
 * @param localSuccessRate of the interactions the local model was tried on, the share it answered well
 * @param failedCheckShare of the local answers that carry the answer checks' verdict, the share that failed one
 */
public record TrendPoint(
        String week,
        Double localShare,
        Double localSuccessRate,
        Double escalationRate,
        Double claudeSpendUsd,
        Double estimatedSavingUsd,
        Double averageRelevance,
        Double failedCheckShare) {

    /**
     * The figures of an archived report, read from its JSON tree so that reports written by older or
     * newer versions still read: its own {@code trends.current} when it has one, else what its
     * totals, rates, spend and routes say.
     */
    static TrendPoint fromArchived(String week, JsonNode report) {
        JsonNode current = report.path("trends").path("current");
        if (current.isObject()) {
            return new TrendPoint(
                    week,
                    number(current, "local_share"),
                    number(current, "local_success_rate"),
                    number(current, "escalation_rate"),
                    number(current, "claude_spend_usd"),
                    number(current, "estimated_saving_usd"),
                    number(current, "average_relevance"),
                    number(current, "failed_check_share"));
        }
        Double failureRate = number(report.path("rates"), "local_failure_rate");
        boolean measured = report.path("totals").path("interactions").asInt(0) > 0;
        return new TrendPoint(
                week,
                measured ? number(report.path("totals"), "local_share") : null,
                failureRate == null ? null : round(1 - failureRate),
                number(report.path("rates"), "escalation_rate"),
                number(report.path("spend"), "cost_usd"),
                number(report.path("spend"), "estimated_saving_usd"),
                averageOfRoutes(report.path("routes")),
                null);
    }

    /** Reports from before the overall average: the routes' averages weighted by their counts. */
    private static Double averageOfRoutes(JsonNode routes) {
        double sum = 0;
        int count = 0;
        for (JsonNode route : routes) {
            Double average = number(route, "average_relevance");
            int n = route.path("count").asInt(0);
            if (average != null && n > 0) {
                sum += average * n;
                count += n;
            }
        }
        return count == 0 ? null : round(sum / count);
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
