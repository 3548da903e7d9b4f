package dev.knowledgerouter.verify;

/**
 * One equality an answer states, such as {@code 3 * 4 = 13}: its text, the side that computes
 * ({@code 3 * 4}) and its value, the value stated for it, and whether the two agree within the
 * precision the statement shows.
 */
public record ArithmeticStatement(String text, String expression, double computed, double stated, boolean holds) {}
