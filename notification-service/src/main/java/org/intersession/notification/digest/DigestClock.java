package org.intersession.notification.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The next local digest time after an instant, in the therapist's zone: a daily 18:00 stays 18:00 local across DST
 * changes; a time that does not exist on a spring-forward day is shifted by the gap (java.time's rule). Pure.
 */
public final class DigestClock {

    private DigestClock() {
    }

    /** The first {@code time} on {@code day} (every day if null) strictly after {@code after}. */
    public static Instant nextAfter(Instant after, ZoneId zone, DayOfWeek day, LocalTime time) {
        LocalDate date = after.atZone(zone).toLocalDate();
        if (day != null) {
            date = date.with(TemporalAdjusters.nextOrSame(day));
        }
        while (true) {
            Instant candidate = ZonedDateTime.of(date, time, zone).toInstant();
            if (candidate.isAfter(after)) {
                return candidate;
            }
            date = date.plusDays(day == null ? 1 : 7);
        }
    }
}
