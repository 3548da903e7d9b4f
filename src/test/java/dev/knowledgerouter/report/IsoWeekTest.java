package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IsoWeekTest {
    @Test
    void aWeekReadsAndPrintsAsYearWAndTwoDigits() {
        IsoWeek w = IsoWeek.parse("2026-W49");
        assertEquals(new IsoWeek(2026, 49), w);
        assertEquals("2026-W49", w.toString());
        assertEquals(LocalDate.of(2026, 11, 30), w.monday());
        assertEquals("2026-W48", w.previous().toString());
    }

    @Test
    void theYearOfAWeekIsTheYearOfItsThursday() {
        assertEquals("2025-W01", IsoWeek.of(LocalDate.of(2024, 12, 30)).toString(), "Monday 2024-12-30");
        assertEquals("2026-W53", IsoWeek.of(LocalDate.of(2027, 1, 1)).toString(), "Friday 2027-01-01");
    }

    @Test
    void aPeriodIsNamedByTheWeekOfItsMiddleInTheScheduleZone() {
        Instant monday = Instant.parse("2026-11-30T06:00:00Z");
        assertEquals(
                "2026-W48",
                IsoWeek.ofPeriod(monday.minusSeconds(7 * 86_400), monday, ZoneOffset.UTC)
                        .toString());
        // Sunday 23:00 runs cover Sunday to Sunday: the middle is the Thursday of the week that ends then.
        Instant sunday = Instant.parse("2026-11-29T22:00:00Z");
        assertEquals(
                "2026-W48",
                IsoWeek.ofPeriod(sunday.minusSeconds(7 * 86_400), sunday, ZoneId.of("Europe/Berlin"))
                        .toString());
    }

    @Test
    void somethingElseIsRefusedWithTheWayAWeekIsWritten() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("2026-49"))
                .getMessage()
                .contains("weeks are written as 2026-W49"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("2025-W53"))
                .getMessage()
                .contains("2025-W53 is not an ISO week"));
    }
}
