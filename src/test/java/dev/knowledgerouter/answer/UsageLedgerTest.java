package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.fileledger.FileUsageLedger;
import dev.knowledgerouter.config.CostSettings;
import dev.knowledgerouter.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLedgerTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    static UsageRecord call(Instant at, double cost) {
        return new UsageRecord(
                at, "i-" + at.toEpochMilli(), "claude-sonnet-4-6", "general", "routed remote", 1000, 200, cost, true);
    }

    @Test
    void recordsAreReadBackByTimeRangeAcrossMonths() {
        UsageLedger ledger = new FileUsageLedger(dir);
        ledger.append(call(Instant.parse("2026-10-31T23:59:00Z"), 0.01));
        ledger.append(call(Instant.parse("2026-11-01T00:01:00Z"), 0.02));
        assertEquals(
                2,
                ledger.read(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))
                        .size());
        assertEquals(
                1,
                ledger.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))
                        .size());
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextRecordStartsOnItsOwnLine() throws Exception {
        UsageLedger ledger = new FileUsageLedger(dir);
        ledger.append(call(T0, 0.01));
        Path file = dir.resolve("usage-2026-11.jsonl");
        Files.writeString(
                file,
                "{\"timestamp\":\"2026-11-22T10:00:01Z\",\"interac",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        ledger.append(call(T0.plusSeconds(5), 0.02));
        List<UsageRecord> all = ledger.read(T0.minusSeconds(1), T0.plusSeconds(60));
        assertEquals(2, all.size());
        assertEquals(0.03, all.stream().mapToDouble(UsageRecord::costUsd).sum(), 1e-9);
        assertEquals(3, Files.readAllLines(file).size(), "the torn fragment stays on a line of its own");
    }

    @Test
    void theHourlyCapIsASlidingWindowThatSaysWhenTheNextCallIsAllowed() {
        MutableClock clock = new MutableClock(T0);
        UsageLedger ledger = new FileUsageLedger(dir);
        CostGuard guard =
                new CostGuard(ledger, new CostSettings(2, Optional.empty(), Optional.empty(), Map.of(), "m"), clock);
        ledger.append(call(clock.instant(), 0.01));
        clock.advance(Duration.ofMinutes(10));
        ledger.append(call(clock.instant(), 0.01));
        Optional<String> refused = guard.refusal();
        assertTrue(
                refused.isPresent()
                        && refused.get().contains("hourly cap of 2")
                        && refused.get().contains("11:00 UTC"),
                refused.toString());
        assertEquals(0, guard.callsLeftThisHour());
        clock.advance(Duration.ofMinutes(51));
        assertTrue(guard.refusal().isEmpty());
        assertEquals(1, guard.callsLeftThisHour());
    }

    @Test
    void theDailyBudgetStopsPaidCallsUntilMidnightUtc() {
        MutableClock clock = new MutableClock(T0);
        UsageLedger ledger = new FileUsageLedger(dir);
        CostGuard guard =
                new CostGuard(ledger, new CostSettings(50, Optional.of(1.0), Optional.empty(), Map.of(), "m"), clock);
        ledger.append(call(clock.instant(), 0.60));
        assertTrue(guard.refusal().isEmpty());
        ledger.append(call(clock.instant(), 0.45));
        assertTrue(
                guard.refusal().orElseThrow().contains("daily budget of $1.00 is spent ($1.05 today)"),
                guard.refusal().toString());
        clock.advance(Duration.ofHours(14));
        assertTrue(guard.refusal().isEmpty(), "a new UTC day");
    }

    @Test
    void theMonthlyBudgetCountsTheWholeUtcMonth() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        UsageLedger ledger = new FileUsageLedger(dir);
        CostGuard guard =
                new CostGuard(ledger, new CostSettings(50, Optional.empty(), Optional.of(2.0), Map.of(), "m"), clock);
        ledger.append(call(Instant.parse("2026-10-30T08:00:00Z"), 5.0));
        ledger.append(call(Instant.parse("2026-11-01T08:00:00Z"), 1.5));
        assertTrue(guard.refusal().isEmpty(), "October does not count in November");
        ledger.append(call(clock.instant(), 0.5));
        assertTrue(guard.refusal().orElseThrow().contains("monthly budget of $2.00"));
    }

    @Test
    void aDatedModelNameIsPricedByItsFamily() {
        CostSettings cost = CostSettings.defaults();
        assertEquals(3.0, cost.priceOf("claude-sonnet-4-5-20250929").inputPerMillion());
        assertEquals(0.0045 + 0.0015 * 0, cost.priceOf("claude-sonnet-4-6").cost(1500, 0), 1e-12);
        assertEquals(15.0, cost.priceOf("some-unknown-model").outputPerMillion(), "priced as the configured model");
    }
}
