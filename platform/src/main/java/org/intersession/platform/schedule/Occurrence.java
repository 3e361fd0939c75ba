package org.intersession.platform.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One due time of a schedule. {@code key} is the nominal local date-time as {@code yyyy-MM-ddTHH:mm}, stable and unique
 * within the schedule, so services can refer to "the 20:00 practice of 29 March" without agreeing on instants.
 * {@code dueAt} is when that local time actually happens in the zone: later than nominal when it falls in a DST gap.
 * The occurrence is open for completion from {@code windowStart} to {@code windowEnd}, both inclusive.
 */
public record Occurrence(String key, LocalDateTime localDueAt, Instant dueAt, Instant windowStart, Instant windowEnd) {

    public Occurrence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(localDueAt, "localDueAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }

    /** Whether something done at {@code instant} counts for this occurrence. */
    public boolean isOpenAt(Instant instant) {
        return !instant.isBefore(windowStart) && !instant.isAfter(windowEnd);
    }
}
