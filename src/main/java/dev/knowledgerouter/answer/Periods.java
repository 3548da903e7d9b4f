package dev.knowledgerouter.answer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The windows caps, budgets and reports count in, at a given instant: the sliding hour, the UTC day and the UTC month. */
public record Periods(Instant now, Instant hourAgo, Instant dayStart, Instant monthStart) {
    public static Periods at(Instant now) {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        return new Periods(
                now,
                now.minus(Duration.ofHours(1)),
                utc.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
                utc.toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The exclusive end that includes records stamped exactly now. */
    public Instant end() {
        return now.plusNanos(1);
    }
}
