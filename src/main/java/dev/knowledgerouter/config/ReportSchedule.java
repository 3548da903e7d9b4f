package dev.knowledgerouter.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * When {@code kr serve} runs the weekly report ({@code report.schedule}): once a week at a day and a
 * time in a zone, or never. Written as a day and a time ({@code monday 06:00}, {@code mon 6:00}) or
 * as a weekly cron line ({@code 0 6 * * 1}: minute, hour, any day of the month, any month, one day of
 * the week); {@code off} turns it off. Only weekly cron lines are accepted: the archive keeps one
 * report per ISO week, so a schedule that fired more often would overwrite its own week.
 */
public sealed interface ReportSchedule {
    /** Monday 06:00, as the workflow this project replaces ran its analytics. */
    String DEFAULT = "monday 06:00";

    /** The first run strictly after {@code after}; empty when the schedule is off. */
    Optional<Instant> next(Instant after);

    /** The latest run at or before {@code atOrBefore}: the one a stopped server may have missed. */
    Optional<Instant> latest(Instant atOrBefore);

    /** The zone the schedule's day and time are read in, which also names a report's ISO week. */
    ZoneId zone();

    /** No scheduled report. */
    record Off(ZoneId zone) implements ReportSchedule {
        @Override
        public Optional<Instant> next(Instant after) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> latest(Instant atOrBefore) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "off";
        }
    }

    /** Every week on {@code day} at {@code time}, wall-clock time in {@code zone}. */
    record Weekly(DayOfWeek day, LocalTime time, ZoneId zone) implements ReportSchedule {
        @Override
        public Optional<Instant> next(Instant after) {
            ZonedDateTime local = after.atZone(zone);
            ZonedDateTime candidate = at(local.with(TemporalAdjusters.nextOrSame(day)));
            if (!candidate.toInstant().isAfter(after)) {
                candidate = at(local.with(TemporalAdjusters.next(day)));
            }
            return Optional.of(candidate.toInstant());
        }

        @Override
        public Optional<Instant> latest(Instant atOrBefore) {
            ZonedDateTime local = atOrBefore.atZone(zone);
            ZonedDateTime candidate = at(local.with(TemporalAdjusters.previousOrSame(day)));
            if (candidate.toInstant().isAfter(atOrBefore)) {
                candidate = at(local.with(TemporalAdjusters.previous(day)));
            }
            return Optional.of(candidate.toInstant());
        }

        /** The run on that date; a time skipped by a clock change runs at the first instant after the gap. */
        private ZonedDateTime at(ZonedDateTime date) {
            return ZonedDateTime.of(date.toLocalDate(), time, zone);
        }

        @Override
        public String toString() {
            return day.name().toLowerCase(Locale.ROOT) + " " + time + " " + zone;
        }
    }

    /**
     * Reads a schedule; the message of a refusal names {@code key} and shows the forms that work.
     *
     * @param key where the text came from, for messages, e.g. {@code kr.yaml: report.schedule}
     */
    static ReportSchedule parse(String text, ZoneId zone, String key) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("off") || s.equals("false") || s.equals("never")) {
            return new Off(zone);
        }
        String[] parts = s.split("\\s+");
        if (parts.length == 2) {
            return new Weekly(day(parts[0], text, key), time(parts[1], text, key), zone);
        }
        if (parts.length == 5) {
            if (!parts[2].equals("*") || !parts[3].equals("*")) {
                throw refused(text, key, "a cron line here runs weekly: day of the month and month must be *");
            }
            int minute = number(parts[0], 0, 59, "minute", text, key);
            int hour = number(parts[1], 0, 23, "hour", text, key);
            // Cron counts Sunday as 0 (and 7), Monday as 1.
            int weekday = number(parts[4], 0, 7, "day of the week", text, key);
            return new Weekly(DayOfWeek.of(weekday == 0 ? 7 : weekday), LocalTime.of(hour, minute), zone);
        }
        throw refused(text, key, "expected a day and a time or a weekly cron line");
    }

    private static DayOfWeek day(String word, String text, String key) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (name.equals(word) || name.substring(0, 3).equals(word)) {
                return d;
            }
        }
        throw refused(text, key, "'" + word + "' is not a day of the week");
    }

    private static LocalTime time(String word, String text, String key) {
        try {
            return LocalTime.parse(word.length() == 4 ? "0" + word : word);
        } catch (DateTimeParseException e) {
            throw refused(text, key, "'" + word + "' is not a time of day as HH:MM");
        }
    }

    private static int number(String word, int min, int max, String what, String text, String key) {
        try {
            int value = Integer.parseInt(word);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Refused below with the range.
        }
        throw refused(
                text, key, "the " + what + " must be one number from " + min + " to " + max + ", got '" + word + "'");
    }

    private static ConfigException refused(String text, String key, String why) {
        return new ConfigException(key + " '" + text + "' is not a schedule (" + why
                + "); write a day and a time such as 'monday 06:00', a weekly cron line such as '0 6 * * 1',"
                + " or 'off'");
    }
}
