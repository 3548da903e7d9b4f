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

/**
 * Decides whether a paid call may be made now: at most {@code maxCallsPerHour} calls in the last
 * sixty minutes, and spending below the daily and monthly budgets (UTC). Time comes from a {@link
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

    /** Why a paid call is not allowed now, or empty when it is. */
    public Optional<String> refusal() {
        Periods p = Periods.at(clock.instant());
        if (settings.maxCallsPerHour() == 0) {
            return Optional.of("Claude calls are disabled (claude.max_calls_per_hour is 0)");
        }
        // One read covers every window: the month (or, early in a month, the last hour) contains the others.
        Instant from = p.hourAgo().isBefore(p.monthStart()) ? p.hourAgo() : p.monthStart();
        List<UsageRecord> records = ledger.read(from, p.end());
        List<UsageRecord> lastHour = records.stream()
                .filter(r -> !r.timestamp().isBefore(p.hourAgo()))
                .toList();
        if (lastHour.size() >= settings.maxCallsPerHour()) {
            Instant next = lastHour.get(lastHour.size() - settings.maxCallsPerHour())
                    .timestamp()
                    .plus(Duration.ofHours(1));
            return Optional.of("the hourly cap of " + settings.maxCallsPerHour()
                    + " Claude calls is reached; the next call is allowed at "
                    + next.atZone(ZoneOffset.UTC).toLocalTime().withNano(0) + " UTC");
        }
        if (settings.dailyBudgetUsd().isPresent()) {
            double today = spentSince(records, p.dayStart());
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
            double month = spentSince(records, p.monthStart());
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

    /** Calls still allowed in the current sliding hour. */
    public int callsLeftThisHour() {
        Periods p = Periods.at(clock.instant());
        return Math.max(
                0,
                settings.maxCallsPerHour() - ledger.read(p.hourAgo(), p.end()).size());
    }

    private static double spentSince(List<UsageRecord> records, Instant from) {
        return records.stream()
                .filter(r -> !r.timestamp().isBefore(from))
                .mapToDouble(UsageRecord::costUsd)
                .sum();
    }
}
