package dev.knowledgerouter.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 week such as {@code 2026-W49}: what an archived weekly report is named by. Weeks start
 * on Monday, and week 1 is the week that holds the year's first Thursday, so the last days of
 * December can belong to week 1 of the next year.
 */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {
    private static final Pattern TEXT = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Comparator<IsoWeek> ORDER =
            Comparator.comparingInt(IsoWeek::year).thenComparingInt(IsoWeek::week);

    public IsoWeek {
        if (year < 1000 || year > 9999 || week < 1 || week > weeksIn(year)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "%04d-W%02d is not an ISO week; weeks are written as 2026-W49", year, week));
        }
    }

    /** Reads {@code 2026-W49}; a refusal says how a week is written. */
    public static IsoWeek parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an ISO week; weeks are written as 2026-W49 (year, W, two-digit week)");
        }
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * The week a report period belongs to: the week of its middle, read in {@code zone}. A seven-day
     * period that starts on any day and time has at least four of its days in that week.
     */
    public static IsoWeek ofPeriod(Instant from, Instant to, ZoneId zone) {
        Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
        return of(middle.atZone(zone).toLocalDate());
    }

    /** The Monday that starts this week. */
    public LocalDate monday() {
        return LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
    }

    public IsoWeek previous() {
        return of(monday().minusDays(7));
    }

    private static int weeksIn(int year) {
        // December 28th always lies in the year's last ISO week.
        return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    @Override
    public int compareTo(IsoWeek other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04d-W%02d", year, week);
    }
}
