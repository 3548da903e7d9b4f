package dev.knowledgerouter.config;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Limits on paid calls: at most {@code maxCallsPerHour} Claude calls in any sliding hour, and
 * optional daily and monthly budgets in US dollars (UTC days and months). Prices per model come
 * from {@code pricing}; a model missing from it is priced as {@code fallbackModel}.
 */
public record CostSettings(
        int maxCallsPerHour,
        Optional<Double> dailyBudgetUsd,
        Optional<Double> monthlyBudgetUsd,
        Map<String, Price> pricing,
        String fallbackModel) {
    public static final int DEFAULT_MAX_CALLS_PER_HOUR = 50;

    /** List prices of current Claude models (USD per million tokens), as published by Anthropic. */
    public static Map<String, Price> defaultPricing() {
        return Map.of(
                "claude-sonnet-4-6", new Price(3, 15),
                "claude-sonnet-4-5", new Price(3, 15),
                "claude-opus-4-5", new Price(5, 25),
                "claude-haiku-4-5", new Price(1, 5));
    }

    public CostSettings {
        pricing = Map.copyOf(pricing);
        if (maxCallsPerHour < 0) {
            throw new ConfigException("claude.max_calls_per_hour must be 0 or more, got " + maxCallsPerHour);
        }
    }

    public static CostSettings defaults() {
        return new CostSettings(
                DEFAULT_MAX_CALLS_PER_HOUR, Optional.empty(), Optional.empty(), defaultPricing(), "claude-sonnet-4-6");
    }

    /** The price of {@code model}: exact, or by the longest known prefix (dated names), or the fallback's. */
    public Price priceOf(String model) {
        if (pricing.containsKey(model)) {
            return pricing.get(model);
        }
        return pricing.entrySet().stream()
                .filter(e -> model.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(pricing.getOrDefault(fallbackModel, new Price(3, 15)));
    }
}
