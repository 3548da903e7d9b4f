package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.anthropic.AnthropicChatModelName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one price table: every current Claude model has its list price, and a model without one is said out loud. */
class PriceTableTest {
    static final CostSettings DEFAULTS = CostSettings.defaults();

    static CostSettings configuredFor(String model, Map<String, Price> pricing) {
        return new CostSettings(50, Optional.empty(), Optional.empty(), pricing, model);
    }

    @Test
    void everyClaudeModelLangChain4jNamesHasAListPrice() {
        List<String> unpriced = Arrays.stream(AnthropicChatModelName.values())
                .map(AnthropicChatModelName::toString)
                .filter(model -> DEFAULTS.listedPrice(model).isEmpty())
                .toList();
        assertEquals(List.of(), unpriced, "add them to CostSettings.defaultPricing()");
    }

    @Test
    void opusSonnetAndHaikuCarryTheirOwnRates() {
        assertEquals(new Price(5, 25), DEFAULTS.priceOf("claude-opus-4-8"));
        assertEquals(new Price(15, 75), DEFAULTS.priceOf("claude-opus-4-1-20250805"));
        assertEquals(new Price(3, 15), DEFAULTS.priceOf("claude-sonnet-4-6"));
        assertEquals(new Price(1, 5), DEFAULTS.priceOf("claude-haiku-4-5-20251001"));
    }

    @Test
    void aDatedSnapshotTakesTheRateOfTheNameItExtendsAndNoOtherPrefixDoes() {
        assertEquals(Optional.of(new Price(5, 25)), DEFAULTS.listedPrice("claude-opus-4-5-20251101"));
        assertEquals(Optional.empty(), DEFAULTS.listedPrice("claude-opus-4-10"), "not claude-opus-4-1");
        assertEquals(Optional.empty(), DEFAULTS.listedPrice("claude-opus-4"));
    }

    @Test
    void aConfiguredModelWithoutAPriceIsCountedAtTheDearestListedRateAndTheWarningNamesIt() {
        CostSettings cost = configuredFor("claude-opus-9", CostSettings.defaultPricing());
        assertEquals(new Price(15, 75), cost.priceOf("claude-opus-9"));
        String warning = cost.priceWarning("claude-opus-9").orElseThrow();
        assertTrue(warning.contains("'claude-opus-9' has no price"), warning);
        assertTrue(warning.contains("$15 / $75 per million"), warning);
        assertTrue(warning.contains("claude.pricing.claude-opus-9"), warning);
    }

    @Test
    void aListedModelOrOneGivenAPriceInKrYamlHasNoWarning() {
        assertEquals(Optional.empty(), DEFAULTS.priceWarning(ClaudeSettings.DEFAULT_MODEL));
        assertEquals(Optional.empty(), DEFAULTS.priceWarning("claude-sonnet-4-5-20250929"));
        CostSettings priced = configuredFor("claude-opus-9", Map.of("claude-opus-9", new Price(20, 100)));
        assertEquals(Optional.empty(), priced.priceWarning("claude-opus-9"));
        assertEquals(new Price(20, 100), priced.priceOf("claude-opus-9"));
    }

    @Test
    void anUnlistedAnsweringModelIsPricedAsTheConfiguredOne() {
        CostSettings cost = configuredFor("claude-haiku-4-5", CostSettings.defaultPricing());
        assertEquals(new Price(1, 5), cost.priceOf("some-model-the-api-reported"));
    }
}
