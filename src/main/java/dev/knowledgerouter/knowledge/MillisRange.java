package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.Optional;

/**
 * The stored epoch milliseconds {@code m} with {@code from <= m < to}, as an inclusive range, which
 * is what both stores index. Bounds may be finer than a millisecond (clocks give microseconds), so
 * both are rounded up: {@code m >= from} is {@code m >= ceil(from)} and {@code m < to} is
 * {@code m <= ceil(to) - 1}. Instant.MIN/MAX lie outside epoch milliseconds and are clamped.
 */
public record MillisRange(long first, long last) {
    private static final Instant LAST_MILLI = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Instant FIRST_MILLI = Instant.ofEpochMilli(Long.MIN_VALUE);

    /** Empty when no millisecond lies in {@code [from, to)}. */
    public static Optional<MillisRange> of(Instant from, Instant to) {
        if (from.isAfter(LAST_MILLI) || !to.isAfter(FIRST_MILLI)) {
            return Optional.empty();
        }
        long first = ceilMillis(from);
        long last = to.isAfter(LAST_MILLI) ? Long.MAX_VALUE : ceilMillis(to) - 1;
        return first > last ? Optional.empty() : Optional.of(new MillisRange(first, last));
    }

    private static long ceilMillis(Instant t) {
        if (!t.isAfter(FIRST_MILLI)) {
            return Long.MIN_VALUE;
        }
        long floor = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? floor : floor + 1;
    }
}
