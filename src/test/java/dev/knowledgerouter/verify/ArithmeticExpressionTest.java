package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The evaluator over scanned prose: precedence, parentheses, signs, powers, and what is not an expression. */
class ArithmeticExpressionTest {
    private static OptionalDouble eval(String text) {
        return ArithmeticExpression.evaluate(ArithmeticScanner.scan(text))
                .map(v -> OptionalDouble.of(v.value()))
                .orElse(OptionalDouble.empty());
    }

    @Test
    void multiplicationBindsBeforeAddition() {
        assertEquals(14, eval("2 + 3 * 4").orElseThrow(), 1e-12);
        assertEquals(20, eval("(2 + 3) * 4").orElseThrow(), 1e-12);
    }

    @Test
    void unaryMinusPowersAndTheOtherOperatorSigns() {
        assertEquals(-2, eval("14 - 16").orElseThrow(), 1e-12);
        assertEquals(-8, eval("-2 ^ 3").orElseThrow(), 1e-12);
        assertEquals(1024, eval("2 ** 10").orElseThrow(), 1e-12);
        assertEquals(12, eval("3 × 4").orElseThrow(), 1e-12);
        assertEquals(3, eval("12 ÷ 4").orElseThrow(), 1e-12);
        assertEquals(180, eval("3 x 60").orElseThrow(), 1e-12);
    }

    @Test
    void numbersKeepTheirCurrencyCommasAndPercents() {
        assertEquals(130_000, eval("$80,000 + $50,000").orElseThrow(), 1e-9);
        assertEquals(20, eval("25% of 80").orElseThrow(), 1e-12);
        assertEquals(1_500_000, eval("1.5 million").orElseThrow(), 1e-6);
    }

    @Test
    void aTightFractionBindsFirst() {
        assertEquals(32, eval("12.8 / 2/5").orElseThrow(), 1e-9);
    }

    @Test
    void divisionByZeroHugeExponentsAndLeftoversAreNotExpressions() {
        assertTrue(eval("5 / 0").isEmpty());
        assertTrue(eval("2 ^ 1000").isEmpty());
        assertTrue(eval("3 + ").isEmpty());
        assertTrue(eval("(3 + 4").isEmpty());
    }
}
