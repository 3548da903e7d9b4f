package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PromptFeaturesTest {

    @Test
    void countsTheQuantitiesAndTheirKinds() {
        double[] f = PromptFeatures.of(
                "Tom buys 3 apples at $1.50 each and half as many pears. He pays 20% tax on 3 items, so how much?");
        // words, numbers, distinct numbers, sentences, percentages, fractions/multiples, decimals, currency, log(1 +
        // largest), clauses
        assertArrayEquals(new double[] {22, 4, 3, 2, 1, 1, 1, 1, Math.log1p(20), 1}, f, 1e-12);
    }

    @Test
    void anEmptyPromptHasNoFeatures() {
        double[] f = PromptFeatures.of("   ");
        assertEquals(PromptFeatures.COUNT, f.length);
        assertArrayEquals(new double[PromptFeatures.COUNT], f, 0);
    }

    @Test
    void thousandsSeparatorsAreOneNumber() {
        double[] f = PromptFeatures.of("The house costs 1,250,000 dollars.");
        assertEquals(1, f[1]);
        assertEquals(0, f[9], "thousands separators are not clause breaks");
        assertEquals(Math.log1p(1_250_000), f[8], 1e-12);
    }
}
