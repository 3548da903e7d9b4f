package dev.knowledgerouter.verify;

/** One piece of a line as {@link ArithmeticScanner} reads it; offsets are into the scanned line. */
sealed interface ArithmeticToken {
    int start();

    int end();

    /**
     * A number as written: {@code value} with the percent already applied when {@code percent},
     * {@code written} the number without it, {@code decimals} the digits shown after the point.
     */
    record Num(double value, double written, int decimals, boolean percent, int start, int end)
            implements ArithmeticToken {
        Num scaled(double factor) {
            return new Num(value * factor, written * factor, decimals, percent, start, end);
        }

        Num asPercent(int newEnd) {
            return new Num(written / 100, written, decimals, true, start, newEnd);
        }
    }

    /** One of {@code + - * / ^}. */
    record Op(char symbol, int start, int end) implements ArithmeticToken {}

    record Open(int start, int end) implements ArithmeticToken {}

    record Close(int start, int end) implements ArithmeticToken {}

    /** {@code =}, or {@code ≈} when {@code approximate}. */
    record Equals(boolean approximate, int start, int end) implements ArithmeticToken {}

    /**
     * A word right after a number ("eggs"), or after a slash that follows one ({@code per}: "/sprint"
     * in "meters/sprint"): dropped from the arithmetic, kept to compare the units of two sides.
     */
    record Unit(String word, boolean per, int start, int end) implements ArithmeticToken {}

    /** Anything that ends a run of arithmetic: prose, punctuation, a comparison, an algebraic term. */
    record Break(int start, int end) implements ArithmeticToken {}
}
