package dev.knowledgerouter.answer;

import java.time.Instant;
import java.util.Objects;

/**
 * A paid call in flight: one slot under the hourly cap and its estimated cost, held against the budgets
 * from the moment it is granted until the ledger settles it with the real cost or releases it.
 */
public record Hold(String id, Instant at, String interactionId, String model, double estimatedUsd) {
    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        if (estimatedUsd < 0) {
            throw new IllegalArgumentException("an estimated cost must not be negative, got " + estimatedUsd);
        }
    }
}
