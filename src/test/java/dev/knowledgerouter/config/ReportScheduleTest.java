package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {
    static final String KEY = "kr.yaml: report.schedule";
    /** Monday 2026-11-30 is the first day of ISO week 49. */
    static final Instant MONDAY_0600 = Instant.parse("2026-11-30T06:00:00Z");

    static ReportSchedule utc(String text) {
        return ReportSchedule.parse(text, ZoneOffset.UTC, KEY);
    }

    @Test
    void aDayAndATimeAndAWeeklyCronLineMeanTheSameRun() {
        ReportSchedule words = utc("monday 06:00");
        assertEquals(words, utc("Mon 6:00"));
        assertEquals(words, utc("0 6 * * 1"));
        assertEquals(Optional.of(MONDAY_0600), words.next(Instant.parse("2026-11-27T12:00:00Z")));
    }

    @Test
    void theNextRunIsStrictlyLaterAndTheLatestIsAtOrBeforeNow() {
        ReportSchedule s = utc("monday 06:00");
        assertEquals(Optional.of(MONDAY_0600.plusSeconds(7 * 86_400)), s.next(MONDAY_0600));
        assertEquals(Optional.of(MONDAY_0600), s.latest(MONDAY_0600));
        assertEquals(Optional.of(MONDAY_0600.minusSeconds(7 * 86_400)), s.latest(MONDAY_0600.minusMillis(1)));
    }

    @Test
    void cronCountsSundayAsZeroAndAsSeven() {
        assertEquals(utc("sunday 23:30"), utc("30 23 * * 0"));
        assertEquals(utc("sunday 23:30"), utc("30 23 * * 7"));
    }

    @Test
    void theDayAndTimeAreReadInTheScheduleZone() {
        ReportSchedule berlin = ReportSchedule.parse("monday 06:00", ZoneId.of("Europe/Berlin"), KEY);
        // 06:00 in Berlin in winter (UTC+1) is 05:00 UTC.
        assertEquals(
                Optional.of(Instant.parse("2026-11-30T05:00:00Z")), berlin.next(Instant.parse("2026-11-29T00:00:00Z")));
    }

    @Test
    void offNeverRuns() {
        ReportSchedule off = utc("off");
        assertTrue(off instanceof ReportSchedule.Off);
        assertEquals(Optional.empty(), off.next(MONDAY_0600));
        assertEquals(Optional.empty(), off.latest(MONDAY_0600));
    }

    @Test
    void aCronLineThatRunsMoreOftenThanWeeklyIsRefusedWithTheFormsThatWork() {
        ConfigException daily = assertThrows(ConfigException.class, () -> utc("0 6 * * *"));
        assertTrue(daily.getMessage().startsWith(KEY + " '0 6 * * *' is not a schedule"), daily.getMessage());
        assertTrue(
                daily.getMessage().contains("'monday 06:00'")
                        && daily.getMessage().contains("'off'"),
                daily.getMessage());
        ConfigException monthly = assertThrows(ConfigException.class, () -> utc("0 6 1 * 1"));
        assertTrue(monthly.getMessage().contains("day of the month and month must be *"), monthly.getMessage());
    }

    @Test
    void anUnknownDayOrTimeIsNamed() {
        assertTrue(assertThrows(ConfigException.class, () -> utc("moonday 06:00"))
                .getMessage()
                .contains("'moonday' is not a day of the week"));
        assertTrue(assertThrows(ConfigException.class, () -> utc("monday 25:00"))
                .getMessage()
                .contains("'25:00' is not a time of day"));
    }
}
