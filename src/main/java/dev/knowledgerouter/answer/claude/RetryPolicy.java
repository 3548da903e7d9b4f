package dev.knowledgerouter.answer.claude;

import java.time.Duration;

/**
 * How paid calls are retried on 429, 529 and 5xx: at most {@code maxRetries} times, waiting what the
 * server's {@code retry-after} asks or else {@code initialBackoff} doubling, and never past {@code
 * budget} in total: a wait that would end past it is not started.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration budget) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));

    /** Waits, so tests can record the waits instead of sleeping (as Caffeine injects its Ticker). */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    public static boolean retryable(int status) {
        return status == 429 || status == 529 || (status >= 500 && status <= 504);
    }
}
