package dev.knowledgerouter.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Limits on paid calls: at most {@code maxCallsPerHour} Claude calls in any sliding hour, and
 * optional daily and monthly budgets in US dollars (UTC days and months). Prices per model come
 * from {@code pricing} ({@link #defaultPricing()} and {@code claude.pricing} in kr.yaml); a model
 * missing from it is priced as {@code fallbackModel}, the configured Claude model, and when that one
 * is missing too, at the dearest listed rate, so that the budgets hold; {@link #priceWarning()} says so.
 */
public record CostSettings(
        int maxCallsPerHour,
        Optional<Double> dailyBudgetUsd,
        Optional<Double> monthlyBudgetUsd,
        Map<String, Price> pricing,
        String fallbackModel) {
    public static final int DEFAULT_MAX_CALLS_PER_HOUR = 50;
    /** What an unknown model costs when no table is given at all (tests build settings with an empty one). */
    private static final Price DEAREST_KNOWN = new Price(15, 75);

    /**
     * The one price table: list prices (USD per million input / output tokens, as Anthropic publishes them) of
     * the Claude models LangChain4j 1.18 names, and of Opus 4 and Sonnet 4, still served. A dated snapshot
     * ({@code claude-opus-4-1-20250805}) takes the price of the name it extends.
     */
    public static Map<String, Price> defaultPricing() {
        Price opus = new Price(5, 25);
        Price opus4 = new Price(15, 75);
        Price sonnet = new Price(3, 15);
        return Map.ofEntries(
                Map.entry("claude-opus-4-8", opus),
                Map.entry("claude-opus-4-7", opus),
                Map.entry("claude-opus-4-6", opus),
                Map.entry("claude-opus-4-5", opus),
                Map.entry("claude-opus-4-1", opus4),
                Map.entry("claude-opus-4-0", opus4),
                Map.entry("claude-opus-4-20250514", opus4),
                Map.entry("claude-sonnet-4-6", sonnet),
                Map.entry("claude-sonnet-4-5", sonnet),
                Map.entry("claude-sonnet-4-0", sonnet),
                Map.entry("claude-sonnet-4-20250514", sonnet),
                Map.entry("claude-haiku-4-5", new Price(1, 5)));
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

    /** The price of {@code model}: its own, or else the configured model's, or else the dearest listed rate. */
    public Price priceOf(String model) {
        return listedPrice(model).or(() -> listedPrice(fallbackModel)).orElseGet(this::dearest);
    }

    /**
     * The price the table lists for {@code model}: under its name, or under the longest listed name it extends
     * by a {@code -} suffix (a dated snapshot); empty when the table does not know it.
     */
    public Optional<Price> listedPrice(String model) {
        if (pricing.containsKey(model)) {
            return Optional.of(pricing.get(model));
        }
        return pricing.entrySet().stream()
                .filter(e -> model.startsWith(e.getKey() + "-"))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** Empty when the table has a price for {@code model} (the configured Claude model); else what that means. */
    public Optional<String> priceWarning(String model) {
        if (listedPrice(model).isPresent()) {
            return Optional.empty();
        }
        Price assumed = priceOf(model);
        return Optional.of(String.format(
                Locale.ROOT,
                "the Claude model '%s' has no price (it is neither in kr's table of current models nor in"
                        + " claude.pricing): its calls are counted at $%s / $%s per million input / output tokens,"
                        + " which budgets and kr usage then rely on; set claude.pricing.%s:"
                        + " {input_per_million: ..., output_per_million: ...} in kr.yaml",
                model,
                dollars(assumed.inputPerMillion()),
                dollars(assumed.outputPerMillion()),
                model));
    }

    private Price dearest() {
        return pricing.values().stream()
                .max(Comparator.comparingDouble(Price::outputPerMillion).thenComparingDouble(Price::inputPerMillion))
                .orElse(DEAREST_KNOWN);
    }

    private static String dollars(double usd) {
        return usd == Math.rint(usd) ? String.valueOf((long) usd) : String.valueOf(usd);
    }
}
