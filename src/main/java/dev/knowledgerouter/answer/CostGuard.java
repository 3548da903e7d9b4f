package dev.knowledgerouter.answer;

import dev.knowledgerouter.config.CostSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Decides whether a paid call may be made now: at most {@code maxCallsPerHour} calls in the last
 * sixty minutes, and spending below the daily and monthly budgets (UTC). Calls in flight count too:
 * {@link #reserve} holds a slot and the call's estimated cost in the {@link UsageLedger} in the same
 * step as the check, so concurrent callers never pass the cap together. Time comes from a {@link
 * Clock}, so windows and resets are tested without waiting.
 */
public final class CostGuard {
    private final UsageLedger ledger;
    private final CostSettings settings;
    private final Clock clock;

    public CostGuard(UsageLedger ledger, CostSettings settings, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** Why a paid call is not allowed now, or empty when it is; holds nothing (health, status). */
    public Optional<String> refusal() {
        Periods p = Periods.at(clock.instant());
        UsageSnapshot usage;
        try {
            usage = ledger.snapshot(windowStart(p), p.end());
        } catch (RuntimeException e) {
            // A shared ledger in a store that is down: no call could be reserved either, and health must still answer.
            return Optional.of("the usage ledger cannot be read (" + e.getMessage() + ")");
        }
        return refusal(p, usage);
    }

    /** Holds a slot and {@code estimatedUsd} for a call about to be made, or says why it may not be. */
    public Reservation reserve(String interactionId, String model, double estimatedUsd) {
        Periods p = Periods.at(clock.instant());
        Hold hold = new Hold(UUID.randomUUID().toString(), p.now(), interactionId, model, estimatedUsd);
        Optional<String> refused = ledger.reserve(hold, windowStart(p), others -> refusal(p, others));
        return refused.<Reservation>map(Reservation.Refused::new).orElseGet(() -> new Reservation.Granted(hold));
    }

    /** Calls still allowed in the current sliding hour, counting calls in flight. */
    public int callsLeftThisHour() {
        Periods p = Periods.at(clock.instant());
        return Math.max(
                0,
                settings.maxCallsPerHour()
                        - callTimes(ledger.snapshot(p.hourAgo(), p.end()), p.hourAgo())
                                .size());
    }

    // One read covers every window: the month (or, early in a month, the last hour) contains the others.
    private static Instant windowStart(Periods p) {
        return p.hourAgo().isBefore(p.monthStart()) ? p.hourAgo() : p.monthStart();
    }

    private Optional<String> refusal(Periods p, UsageSnapshot usage) {
        if (settings.maxCallsPerHour() == 0) {
            return Optional.of("Claude calls are disabled (claude.max_calls_per_hour is 0)");
        }
        List<Instant> lastHour = callTimes(usage, p.hourAgo());
        if (lastHour.size() >= settings.maxCallsPerHour()) {
            Instant next =
                    lastHour.get(lastHour.size() - settings.maxCallsPerHour()).plus(Duration.ofHours(1));
            return Optional.of("the hourly cap of " + settings.maxCallsPerHour()
                    + " Claude calls is reached; the next call is allowed at "
                    + next.atZone(ZoneOffset.UTC).toLocalTime().withNano(0) + " UTC");
        }
        if (settings.dailyBudgetUsd().isPresent()) {
            double today = spentSince(usage, p.dayStart());
            if (today >= settings.dailyBudgetUsd().get()) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "the daily budget of $%.2f is spent ($%.2f today); it resets at %s UTC",
                        settings.dailyBudgetUsd().get(),
                        today,
                        LocalTime.MIDNIGHT));
            }
        }
        if (settings.monthlyBudgetUsd().isPresent()) {
            double month = spentSince(usage, p.monthStart());
            if (month >= settings.monthlyBudgetUsd().get()) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "the monthly budget of $%.2f is spent ($%.2f this month); it resets on the 1st (UTC)",
                        settings.monthlyBudgetUsd().get(),
                        month));
            }
        }
        return Optional.empty();
    }

    /** When each call since {@code from} was made or, still in flight, granted; oldest first. */
    private static List<Instant> callTimes(UsageSnapshot usage, Instant from) {
        return Stream.concat(
                        usage.records().stream().map(UsageRecord::timestamp),
                        usage.holds().stream().map(Hold::at))
                .filter(t -> !t.isBefore(from))
                .sorted()
                .toList();
    }

    /** What was paid since {@code from}, with calls in flight at their estimate. */
    private static double spentSince(UsageSnapshot usage, Instant from) {
        double paid = usage.records().stream()
                .filter(r -> !r.timestamp().isBefore(from))
                .mapToDouble(UsageRecord::costUsd)
                .sum();
        double held = usage.holds().stream()
                .filter(h -> !h.at().isBefore(from))
                .mapToDouble(Hold::estimatedUsd)
                .sum();
        return paid + held;
    }
}
