package dev.knowledgerouter.answer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where paid calls are recorded, and where a call about to be made holds its slot. The {@link CostGuard}
 * decides what the caps and budgets allow; the ledger makes that decision and the hold one step, so
 * callers racing for the last slot cannot all take it. Implementations: a file under {@code $KR_HOME}
 * for one router, and the shared store for several routers on one cluster.
 */
public interface UsageLedger {
    /** Records a call made without a hold; durable on return. */
    void append(UsageRecord record);

    /** Recorded calls with {@code from <= timestamp < to}, oldest first; holds are not calls yet. */
    List<UsageRecord> read(Instant from, Instant to);

    /** The records and the holds with {@code from <= timestamp < to}. */
    UsageSnapshot snapshot(Instant from, Instant to);

    /**
     * Takes {@code hold} unless {@code refusal}, given every other record and hold since {@code from},
     * names a reason not to; then nothing stays held and the reason is returned.
     */
    Optional<String> reserve(Hold hold, Instant from, Function<UsageSnapshot, Optional<String>> refusal);

    /** Replaces the hold by the record of the call it was taken for; durable on return. */
    void settle(Hold hold, UsageRecord record);

    /** Gives the slot and the estimate back: the call was not made. */
    void release(Hold hold);
}
