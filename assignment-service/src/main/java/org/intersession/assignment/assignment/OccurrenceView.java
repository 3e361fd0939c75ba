package org.intersession.assignment.assignment;

import org.intersession.platform.schedule.Occurrence;

import java.time.Instant;
import java.time.LocalDateTime;

/** One due time of an assignment: its stable key, the local time it is due, and the window in which it counts. */
public record OccurrenceView(String key, LocalDateTime localDueAt, Instant dueAt, Instant windowStart, Instant windowEnd) {

    static OccurrenceView of(Occurrence o) {
        return new OccurrenceView(o.key(), o.localDueAt(), o.dueAt(), o.windowStart(), o.windowEnd());
    }
}
